using Pmo.Contracts.Commands;
using Pmo.Domain.Scheduling;

namespace Pmo.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class OrderIndependenceTests(ClusterFixture fixture) : ClusterTestBase(fixture)
{
    /// <summary>Twelve projects in a lattice, so concurrent slips meet in shared successors.</summary>
    private static Documents Lattice(string prefix)
    {
        var doc = new Documents(prefix).Portfolio("pf").Resource("r", capacity: 1m);
        for (var i = 0; i < 12; i++)
            doc.Project($"p{i}", "pf", [("a", 3 + i % 4), ("b", 2 + i % 3), ("m", 0)], links: [("a", "b"), ("b", "m")],
                assignments: [("a", "r", 0.5m)]);
        for (var i = 0; i < 12; i++)
        {
            if (i + 1 < 12) doc.Link($"p{i}", "m", $"p{i + 1}", "a");
            if (i + 3 < 12) doc.Link($"p{i}", "a", $"p{i + 3}", "b", type: "SS", lag: 2);
            if (i + 5 < 12) doc.Link($"p{i}", "b", $"p{i + 5}", "m", type: "FF", lag: -1);
        }
        return doc;
    }

    private static readonly (int Project, string Task, int Days)[] Slips =
        [(0, "a", 4), (2, "b", 3), (5, "a", -2), (7, "b", 6), (9, "a", 2), (3, "b", 1)];

    private async Task<Dictionary<string, string>> ApplyConcurrently(Documents doc, IEnumerable<(int Project, string Task, int Days)> slips)
    {
        await Pmo.Import(doc.Build());
        var issued = await Task.WhenAll(slips.Select(s => Pmo.Issue(r => Pmo.Project(doc.Id($"p{s.Project}")).Slip(r, new SlipTask { ProjectId = doc.Id($"p{s.Project}"), TaskId = s.Task, Days = s.Days }))));
        foreach (var (changeId, _) in issued) await Pmo.Settled(changeId);
        var views = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Pmo.View(doc.Id($"p{i}"))));
        return views.ToDictionary(v => v.Id, v => string.Join(";", v.Tasks.Select(t =>
            $"{t.Id}:{t.Duration}:{t.EarlyStart}:{t.EarlyFinish}:{t.LateStart}:{t.LateFinish}:{t.TotalFloat}")) + $"|{v.Finish}|{v.Eac}");
    }

    [Fact]
    public async Task Concurrent_slips_reach_the_same_state_whatever_order_they_arrive_in()
    {
        var doc = Lattice("orders");
        var forward = await ApplyConcurrently(doc, Slips);
        // Re-importing the same document restores the durations; the slips then arrive the other way round.
        var backward = await ApplyConcurrently(doc, Slips.Reverse());
        var shuffled = await ApplyConcurrently(doc, Slips.OrderBy(s => s.Days * 7 % 5));
        Assert.Equal(forward, backward);
        Assert.Equal(forward, shuffled);
    }

    [Fact]
    public async Task Propagated_dates_equal_a_whole_portfolio_critical_path_recompute()
    {
        var doc = Lattice("cpm");
        await ApplyConcurrently(doc, Slips);

        var exported = await Pmo.Enterprise.Export();
        var calendar = WorkCalendar.Default;
        var mine = exported.Projects!.Where(p => p.Id!.StartsWith("cpm-", StringComparison.Ordinal)).ToList();
        var networks = mine.Select(p => new ProjectNetwork
        {
            ProjectId = p.Id!,
            StartDay = calendar.DayNumber(DateOnly.Parse(p.Start!)),
            Tasks = [.. p.Tasks!.Select(t => new NetworkTask(t.Id!, t.Duration!.Value))],
            Links = [.. p.Links!.Select(l => new NetworkLink { From = l.From!, To = l.To!, Type = Enum.Parse<LinkType>(l.Type!), Lag = l.Lag ?? 0 })],
        }).ToList();
        var ids = mine.Select(p => p.Id).ToHashSet();
        var links = exported.CrossLinks!.Where(l => ids.Contains(l.FromProject))
            .Select(l => new CrossNetworkLink(new TaskKey(l.FromProject!, l.FromTask!), new TaskKey(l.ToProject!, l.ToTask!), Enum.Parse<LinkType>(l.Type!), l.Lag ?? 0))
            .ToList();
        var expected = CriticalPath.ScheduleAll(networks, links);

        foreach (var project in mine)
        {
            var view = await Pmo.View(project.Id!);
            foreach (var task in view.Tasks)
            {
                var dates = expected[new TaskKey(project.Id!, task.Id)];
                Assert.Equal(calendar.DateOf(dates.EarlyStart), task.EarlyStart);
                Assert.Equal(calendar.DateOf(dates.LateStart), task.LateStart);
                Assert.Equal(dates.TotalFloat, task.TotalFloat);
            }
        }
    }
}
