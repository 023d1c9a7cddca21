using Pmo.Domain.Scheduling;
using Pmo.Load.Model;
using Pmo.Load.Scenarios;

namespace Pmo.Load.Tests;

public sealed class CrossChainsTests
{
    private static CrossNetworkLink Link(string from, string to, string fromTask = "m1", string toTask = "t1") =>
        new(new TaskKey(from, fromTask), new TaskKey(to, toTask), LinkType.FS, 0);

    [Fact]
    public void Longest_chains_come_first_from_their_heads_and_short_ones_are_left_out()
    {
        var chains = CrossChains.Longest(
        [
            Link("a", "b"), Link("b", "c"), Link("c", "d"),
            Link("e", "c"),
            Link("x", "y"),
        ], count: 10, minimumLength: 3);

        Assert.Equal(2, chains.Count);
        Assert.Equal(["a", "b", "c", "d"], chains[0].Projects);
        Assert.Equal(["e", "c", "d"], chains[1].Projects);
        Assert.Equal(new TaskKey("a", "m1"), chains[0].FirstLink.From);
        Assert.Equal("e", chains[1].Head);
    }

    [Fact]
    public void Several_task_links_between_two_projects_are_one_step_and_branches_take_the_longer_way()
    {
        var chains = CrossChains.Longest(
        [
            Link("h", "p", "m1", "t1"), Link("h", "p", "m2", "t5"),
            Link("h", "q"), Link("q", "r"), Link("r", "s"),
        ], count: 1);

        var chain = Assert.Single(chains);
        Assert.Equal(["h", "q", "r", "s"], chain.Projects);
    }

    [Fact]
    public void A_project_level_cycle_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => CrossChains.Longest([Link("a", "b"), Link("b", "a", "m2", "t2")], 5));
    }

    [Fact]
    public void No_cross_links_means_no_chains()
    {
        Assert.Empty(CrossChains.Longest([], 5));
    }

    [Fact]
    public void The_cascade_slips_the_task_that_drives_a_linked_milestone()
    {
        var state = EnterpriseState.From(Documents.TwoProjects());

        // pa/m1 is a milestone (its duration cannot grow usefully); t1 drives it through FS.
        Assert.Equal("t1", CascadeScenario.DrivingTask(state, state.Projects["pa"], "m1", LinkType.FS));
        var target = Assert.Single(CascadeScenario.Targets(state));
        Assert.Equal(("pa", "t1"), (target.Chain.Head, target.TaskId));
    }
}
