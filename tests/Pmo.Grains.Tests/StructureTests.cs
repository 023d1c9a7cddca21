using Pmo.Contracts.Commands;
using Pmo.Domain.Catalog;

namespace Pmo.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class StructureTests(ClusterFixture fixture) : ClusterTestBase(fixture)
{
    [Fact]
    public async Task Cross_link_that_would_close_a_cycle_is_refused_with_the_cycle_path()
    {
        var doc = new Documents("cycle").Portfolio("pf")
            .Project("a", "pf", [("t", 2), ("m", 0)])
            .Project("b", "pf", [("t", 2), ("m", 0)])
            .Link("a", "m", "b", "t");
        await Pmo.Import(doc.Build());
        var before = await Pmo.Enterprise.Export();

        var (_, refusal) = await Pmo.Issue(r => Pmo.Enterprise.AddCrossLink(r, new AddCrossLink { FromProject = doc.Id("b"), FromTask = "m", ToProject = doc.Id("a"), ToTask = "t" }));

        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.NotNull(refusal.Cycle);
        Assert.Equal(refusal.Cycle[0], refusal.Cycle[^1]);
        Assert.Equal(
            new[] { "a/m", "a/t", "b/m", "b/t" }.Select(k => doc.Id(k)),
            refusal.Cycle.Distinct().Order());
        Assert.Equivalent(before, await Pmo.Enterprise.Export());
    }

    [Fact]
    public async Task Two_projects_in_a_chain_sharing_one_resource_settle_and_report_the_conflict()
    {
        // p1.t (5 days) → p2.t, while p2.side runs from the start: r is booked twice over p2.side's days after the slip.
        var doc = new Documents("shared").Portfolio("pf").Resource("r", capacity: 1m)
            .Project("p1", "pf", [("t", 5), ("m", 0)], assignments: [("t", "r", 1m)])
            .Project("p2", "pf", [("t", 3), ("side", 8)], links: [], assignments: [("t", "r", 1m), ("side", "r", 0.5m)])
            .Link("p1", "m", "p2", "t");
        await Pmo.Import(doc.Build());
        var resource = Pmo.Grains.GetGrain<IResourceGrain>(doc.Id("r"));
        var before = await resource.GetLoad(null, null);

        var change = await Pmo.Slip(doc.Id("p1"), "t", 3);

        Assert.Equal("settled", change.Status);
        var after = await resource.GetLoad(null, null);
        Assert.NotNull(after);
        var p1 = (await Pmo.View(doc.Id("p1"))).Tasks.Single(x => x.Id == "t");
        var p2 = (await Pmo.View(doc.Id("p2"))).Tasks.Single(x => x.Id == "t");
        // Before: p2.t overlapped p2.side right after p1; after: p1.t overlaps p2.side for its whole length and p2.t runs alone.
        Assert.Single(before!.Overallocated);
        var run = Assert.Single(after.Overallocated);
        Assert.Equal((p1.EarlyStart, p1.EarlyFinish, 1.5m), (run.From, run.To, run.Peak));
        Assert.All(after.Days.Where(d => d.Date >= p2.EarlyStart && d.Date <= p2.EarlyFinish), d =>
        {
            Assert.Equal(1m, d.Load);
            Assert.Equal([doc.Id("p2")], d.Projects);
        });
    }

    [Fact]
    public async Task Moving_a_project_moves_its_figures_between_portfolio_rollups()
    {
        var doc = new Documents("move").Portfolio("root").Portfolio("a", "root").Portfolio("b", "root")
            .Project("p1", "a", [("t", 5)]).Project("p2", "a", [("t", 5)]).Project("p3", "b", [("t", 5)]);
        await Pmo.Import(doc.Build());
        var portfolio = (string id) => Pmo.Grains.GetGrain<IPortfolioGrain>(doc.Id(id)).GetView();
        Assert.Equal(2, (await portfolio("a"))!.ProjectCount);
        Assert.Equal(3, (await portfolio("root"))!.ProjectCount);

        await Pmo.Run(r => Pmo.Enterprise.MoveProject(r, new MoveProject { ProjectId = doc.Id("p1"), PortfolioId = doc.Id("b") }));

        var (a, b, root) = (await portfolio("a"), await portfolio("b"), await portfolio("root"));
        Assert.Equal((1, 2, 3), (a!.ProjectCount, b!.ProjectCount, root!.ProjectCount));
        Assert.Equal(1000m, a.Bac);
        Assert.Equal(2000m, b.Bac);
        Assert.Equal(3000m, root.Bac);
    }

    [Fact]
    public async Task Cancelling_a_project_releases_its_successors_its_load_and_its_rollup()
    {
        var doc = new Documents("cancel").Portfolio("pf").Resource("r")
            .Project("p1", "pf", [("t", 10), ("m", 0)], assignments: [("t", "r", 1m)])
            .Project("p2", "pf", [("t", 3)])
            .Link("p1", "m", "p2", "t");
        await Pmo.Import(doc.Build());
        var p2Before = await Pmo.View(doc.Id("p2"));

        await Pmo.Run(r => Pmo.Enterprise.DeleteProject(r, new CancelProject(doc.Id("p1"))));

        Assert.Null(await Pmo.Project(doc.Id("p1")).GetView());
        var p2 = await Pmo.View(doc.Id("p2"));
        Assert.True(p2.Finish < p2Before.Finish, "p2 no longer waits for p1");
        Assert.DoesNotContain((await Pmo.Grains.GetGrain<IResourceGrain>(doc.Id("r")).GetLoad(null, null))!.Days, d => d.Load > 0);
        Assert.Equal(1, (await Pmo.Grains.GetGrain<IPortfolioGrain>(doc.Id("pf")).GetView())!.ProjectCount);
        var export = await Pmo.Enterprise.Export();
        Assert.DoesNotContain(export.Projects!, p => p.Id == doc.Id("p1"));
        Assert.DoesNotContain(export.CrossLinks!, l => l.FromProject == doc.Id("p1"));
    }

    [Fact]
    public async Task Resync_settles_and_leaves_a_consistent_enterprise_as_it_was()
    {
        var doc = new Documents("resync").Portfolio("root").Portfolio("a", "root").Resource("r")
            .Project("p1", "a", [("t", 5), ("m", 0)], assignments: [("t", "r", 1m)])
            .Project("p2", "a", [("t", 3)], assignments: [("t", "r", 1m)])
            .Link("p1", "m", "p2", "t");
        await Pmo.Import(doc.Build());
        await Pmo.Slip(doc.Id("p1"), "t", 2);
        var before = (await Pmo.View(doc.Id("p1")), await Pmo.View(doc.Id("p2")),
            await Pmo.Grains.GetGrain<IPortfolioGrain>(doc.Id("root")).GetView());

        var change = await Pmo.Run(async r => { await Pmo.Enterprise.Resync(r); return null; });

        Assert.Equal("settled", change.Status);
        Assert.Equal(0, change.AlertsRaised);
        var after = (await Pmo.View(doc.Id("p1")), await Pmo.View(doc.Id("p2")),
            await Pmo.Grains.GetGrain<IPortfolioGrain>(doc.Id("root")).GetView());
        Assert.Equivalent(before, after);
    }
}
