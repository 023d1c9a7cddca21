using Pmo.Dashboard.Components.Layout;
using Pmo.Dashboard.Components.Pages;
using Pmo.Dashboard.Components.Views;
using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Tests.Components;

public sealed class ResourceAndMapTests : DashboardContext
{
    private static readonly DateOnly Week1 = new(2027, 3, 1), Week2 = new(2027, 3, 8);

    [Fact]
    public void Heat_map_marks_over_allocated_cells_and_shows_the_projects_behind_a_cell()
    {
        Data.HeatMap = new ResourceHeatMap([Week1, Week2],
        [
            new ResourceLoadRow("r-1", "Ana", "Data", 1, [new(Week1, 0.5m, false, ["p-1"]), new(Week2, 1.5m, true, ["p-1", "p-2"])]),
            new ResourceLoadRow("r-2", "Ben", "Ops", 2, [new(Week1, 0, false, []), new(Week2, 1, false, ["p-3"])]),
        ]);
        var page = Render<Resources>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-resource]").Count));
        var over = Assert.Single(page.FindAll("td.cell.over"));
        Assert.Equal("2027-03-08", over.GetAttribute("data-week"));
        Assert.Contains("150", over.TextContent);
        Assert.Contains("⚠", over.TextContent);
        Assert.Contains("over-allocated", over.GetAttribute("title"));

        page.Find("tr[data-resource='r-1'] td[data-week='2027-03-08'] button").Click();
        Assert.Equal(["projects/p-1", "projects/p-2"], page.FindAll("[data-testid=cell-detail] a").Select(a => a.GetAttribute("href")!));
    }

    [Fact]
    public void Heat_map_can_show_only_over_allocated_resources()
    {
        Data.HeatMap = new ResourceHeatMap([Week1],
            [new ResourceLoadRow("r-1", "Ana", "Data", 1, [new(Week1, 2, true, ["p-1"])]), new ResourceLoadRow("r-2", "Ben", "Ops", 1, [new(Week1, 1, false, [])])]);
        var page = Render<Resources>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-resource]").Count));
        page.Find("input[type=checkbox]").Change(true);
        Assert.Equal("r-1", Assert.Single(page.FindAll("tr[data-resource]")).GetAttribute("data-resource"));
    }

    [Fact]
    public void Critical_chain_runs_back_from_the_latest_finish_through_the_latest_predecessor()
    {
        var f = new DateOnly(2027, 6, 1);
        var graph = new DependencyGraph(
            [Node("a", f), Node("b", f.AddDays(3)), Node("c", f.AddDays(40)), Node("d", f.AddDays(10)), Node("e", f.AddDays(50))],
            [new("a", "c", 1), new("b", "c", 2), new("c", "e", 1), new("d", "e", 1)]);
        var layout = new DependencyLayout(graph);
        Assert.Equal(["b", "c", "e"], layout.CriticalChain);
        Assert.True(layout.OnChain(graph.Edges[1]));
        Assert.False(layout.OnChain(graph.Edges[0]));
        Assert.True(layout.Position("c").X > layout.Position("a").X);
        Assert.True(layout.Position("e").X > layout.Position("c").X);

        Data.Graph = graph;
        var page = Render<Dependencies>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("path.edge.chain").Count));
        Assert.Equal(5, page.FindAll("a[data-node]").Count);
        Assert.Contains("→", page.Find("[data-testid=critical-chain]").TextContent);
    }

    [Fact]
    public void Change_trace_lists_moves_resources_and_alerts()
    {
        Data.Changes["c-1"] = new ChangeTraceView("c-1", "settled", 7, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMilliseconds(42),
            [new("p-1", new(2027, 5, 3), new(2027, 5, 10), 5), new("p-2", new(2027, 6, 1), new(2027, 6, 4), 3)], ["r-1"], ["pf-a"],
            [new(9, "a-1", "ScheduleSlip", "warning", "raised", "project:p-1", ["pf-a"], ["p-1"], [], "p-1 is 5 days late", "c-1", DateTimeOffset.UnixEpoch)]);
        var page = Render<Change>(ps => ps.Add(c => c.ChangeId, "c-1"));
        page.WaitForAssertion(() => Assert.Equal("settled", page.Find("[data-testid=change-status]").TextContent));
        Assert.Equal(["p-1", "p-2"], page.FindAll("tr[data-moved]").Select(r => r.GetAttribute("data-moved")!));
        Assert.Contains("+5 working days", page.Find("tr[data-moved='p-1']").TextContent);
        Assert.Contains("settled after 42 ms", page.Markup);
        Assert.Equal("resources?resource=r-1", page.Find("a[href^='resources']").GetAttribute("href"));
        Assert.Contains("p-1 is 5 days late", page.Find("td.message").TextContent);
    }

    [Fact]
    public void Simulation_bar_pauses_resumes_and_sets_the_pace_and_hides_without_a_clock()
    {
        Assert.Empty(Render<SimulationBar>().FindAll("button"));

        Data.State = new SimulationState(true, true, TimeSpan.FromSeconds(2), new DateOnly(2027, 3, 5), 4, null);
        var bar = Render<SimulationBar>();
        Assert.Contains("Simulating", bar.Find("[data-testid=simulation-state]").TextContent);
        bar.Find("button").Click();
        bar.WaitForAssertion(() => Assert.Contains("Paused", bar.Find("[data-testid=simulation-state]").TextContent));
        bar.Find("button").Click();
        bar.Find("select").Change("500");
        Assert.Equal(["pause", "resume", "pace 500"], Data.ClockCalls);
    }

    [Fact]
    public void Sign_out_is_a_plain_form_post_to_the_host_shown_only_with_a_session()
    {
        Assert.Empty(Render<SignOutForm>().FindAll("form"));

        Data.Session = "ana";
        var form = Render<SignOutForm>().Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/signout", form.GetAttribute("action"));
        Assert.Equal("ana", form.QuerySelector("[data-testid=signed-in-as]")!.TextContent);
        Assert.Equal("Sign out", form.QuerySelector("button[type=submit]")!.TextContent);
    }

    private static DependencyNode Node(string id, DateOnly finish) => new(id, $"Project {id}", "green", finish, finish);
}

public sealed class DependencyFocusTests
{
    [Fact]
    public void A_large_map_keeps_the_critical_chain_and_the_latest_finishes()
    {
        var f = new DateOnly(2027, 1, 1);
        var nodes = Enumerable.Range(0, 50).Select(i => new DependencyNode($"p{i:00}", $"P{i}", "green", f.AddDays(i), f)).ToList();
        // p00 -> p01 is the chain into... p49 finishes last and its latest predecessor is p00.
        var edges = new List<DependencyEdge> { new("p00", "p49", 1), new("p01", "p02", 1) };
        var focused = DependencyLayout.Focus(new DependencyGraph(nodes, edges), 5);
        Assert.Equal(5, focused.Nodes.Count);
        Assert.Contains(focused.Nodes, n => n.ProjectId == "p00");
        Assert.Contains(focused.Nodes, n => n.ProjectId == "p49");
        Assert.Equal(["p00>p49"], focused.Edges.Select(e => $"{e.FromProject}>{e.ToProject}"));
    }
}
