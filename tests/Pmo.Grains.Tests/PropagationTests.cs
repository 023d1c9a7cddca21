namespace Pmo.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PropagationTests(ClusterFixture fixture) : ClusterTestBase(fixture)
{
    private static readonly WorkCalendar Calendar = WorkCalendar.Default;

    private static DateOnly AddWorkingDays(DateOnly date, int days) => Calendar.DateOf(Calendar.DayNumber(date) + days);

    [Fact]
    public async Task Slip_at_head_of_a_50_project_chain_moves_every_successor()
    {
        var doc = new Documents("chain50").Portfolio("pf");
        for (var i = 0; i < 50; i++)
        {
            doc.Project($"p{i}", "pf", [("t1", 5), ("m1", 0)]);
            if (i > 0) doc.Link($"p{i - 1}", "m1", $"p{i}", "t1");
        }
        await Pmo.Import(doc.Build());
        var before = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Pmo.View(doc.Id($"p{i}"))));

        var change = await Pmo.Slip(doc.Id("p0"), "t1", 3);

        var after = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Pmo.View(doc.Id($"p{i}"))));
        for (var i = 0; i < 50; i++)
            Assert.Equal(AddWorkingDays(before[i].Finish, 3), after[i].Finish);
        Assert.True(change.GrainsTouched >= 50, $"touched {change.GrainsTouched}");
    }

    [Fact]
    public async Task Diamond_successor_moves_only_by_the_slip_beyond_the_short_branch_float()
    {
        // a → b (10 days) → d and a → c (4 days) → d: d waits for b, so c could slip 6 days before d moves.
        var doc = new Documents("diamond").Portfolio("pf")
            .Project("a", "pf", [("t", 5), ("m", 0)])
            .Project("b", "pf", [("t", 10), ("m", 0)])
            .Project("c", "pf", [("t", 4), ("m", 0)])
            .Project("d", "pf", [("t", 3), ("m", 0)])
            .Link("a", "m", "b", "t").Link("a", "m", "c", "t").Link("b", "m", "d", "t").Link("c", "m", "d", "t");
        await Pmo.Import(doc.Build());
        var d0 = await Pmo.View(doc.Id("d"));
        var c0 = await Pmo.View(doc.Id("c"));
        // CONTRACT: late dates are bound by the task's own project finish, so that slack shows nowhere as float.
        Assert.Equal(0, c0.Tasks.Single(t => t.Id == "t").TotalFloat);

        await Pmo.Slip(doc.Id("c"), "t", 4);
        Assert.Equal(d0.Finish, (await Pmo.View(doc.Id("d"))).Finish);

        await Pmo.Slip(doc.Id("c"), "t", 5);
        Assert.Equal(AddWorkingDays(d0.Finish, 3), (await Pmo.View(doc.Id("d"))).Finish);

        await Pmo.Slip(doc.Id("a"), "t", 2);
        Assert.Equal(AddWorkingDays(d0.Finish, 5), (await Pmo.View(doc.Id("d"))).Finish);
    }

    [Fact]
    public async Task Fan_out_of_200_successors_all_move_and_the_change_settles()
    {
        var doc = new Documents("fan200").Portfolio("pf").Project("head", "pf", [("t", 5), ("m", 0)]);
        for (var i = 0; i < 200; i++) doc.Project($"s{i}", "pf", [("t", 2)]).Link("head", "m", $"s{i}", "t");
        await Pmo.Import(doc.Build());
        var before = await Pmo.View(doc.Id("s0"));

        var change = await Pmo.Slip(doc.Id("head"), "t", 4);

        var after = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Pmo.View(doc.Id($"s{i}"))));
        Assert.All(after, view => Assert.Equal(AddWorkingDays(before.Finish, 4), view.Finish));
        Assert.True(change.GrainsTouched >= 201, $"touched {change.GrainsTouched}");
    }

    [Fact]
    public async Task Slip_absorbed_by_float_touches_nothing_downstream()
    {
        // t1 (10 days) and t2 (3 days) both precede m: t2 has 7 days of float.
        var doc = new Documents("absorb").Portfolio("pf")
            .Project("p1", "pf", [("t1", 10), ("t2", 3), ("m", 0)], links: [("t1", "m"), ("t2", "m")])
            .Project("p2", "pf", [("t", 5)])
            .Link("p1", "m", "p2", "t");
        await Pmo.Import(doc.Build());
        var p2Before = await Pmo.View(doc.Id("p2"));
        var p1Before = await Pmo.View(doc.Id("p1"));

        var change = await Pmo.Slip(doc.Id("p1"), "t2", 5);

        Assert.Equal(1, change.GrainsTouched);
        Assert.Equal(0, change.AlertsRaised);
        Assert.Equal(p1Before.Finish, (await Pmo.View(doc.Id("p1"))).Finish);
        Assert.Equivalent(p2Before, await Pmo.View(doc.Id("p2")));
        Assert.Equal(2, (await Pmo.View(doc.Id("p1"))).Tasks.Single(t => t.Id == "t2").TotalFloat);
    }

    [Fact]
    public async Task Settlement_counts_every_grain_the_change_touched_and_every_alert_it_raised()
    {
        var doc = new Documents("counts").Portfolio("pf")
            .Project("p1", "pf", [("t", 5), ("m", 0)])
            .Project("p2", "pf", [("t", 5), ("m", 0)])
            .Project("p3", "pf", [("t", 5), ("m", 0)])
            .Link("p1", "m", "p2", "t").Link("p2", "m", "p3", "t");
        await Pmo.Import(doc.Build());

        var change = await Pmo.Slip(doc.Id("p1"), "t", 2);

        // p1, p2, p3 reschedule, the portfolio rolls them up, the log records one ScheduleSlip per project.
        Assert.Equal(5, change.GrainsTouched);
        Assert.Equal(3, change.AlertsRaised);
        var log = await Pmo.Grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).Query($"portfolio:{doc.Id("pf")}", 0, 1000);
        var raised = log.Items.Where(a => a.ChangeId == change.ChangeId).ToList();
        Assert.Equal(3, raised.Count);
        Assert.All(raised, a => Assert.Equal(("ScheduleSlip", "raised"), (a.Kind, a.State)));
        Assert.Equal(
            new[] { "p1", "p2", "p3" }.Select(p => $"project:{doc.Id(p)}").Order(),
            raised.Select(a => a.Subject).Order());
    }
}
