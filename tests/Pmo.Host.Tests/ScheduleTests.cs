namespace Pmo.Host.Tests;

/// <summary>The critical-path rules of CONTRACT.md "Scheduling rules", through the API.</summary>
[Collection(HostCollection.Name)]
public sealed class ScheduleTests(HostFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task FS_SS_FF_and_SF_links_with_lags_and_leads_give_the_hand_computed_early_and_late_dates()
    {
        var x = Doc.Prefix("links");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf")],
            projects:
            [
                Doc.Project(x + "p", x + "pf",
                    [Doc.Task("a", 5), Doc.Task("b", 2), Doc.Task("c", 3), Doc.Task("d", 4)],
                    links: [Doc.Link("a", "b", "FF", 1), Doc.Link("a", "c", "SF", 4), Doc.Link("a", "d", "FS", -2)]),
            ]));

        var project = await Api.Project(x + "p");
        // Working days from Monday 2027-01-04: a 0..4; b FF+1 ends day 5 (starts 4); c SF+4 ends day 3 (starts 1);
        // d FS-2 starts day 3 and ends day 6 = Tuesday 01-12, the project's finish.
        Assert.Equal("2027-01-12", project.Str("finish"));
        var rows = project.Arr("tasks").Select(t =>
            (t.Str("id"), t.Str("earlyStart"), t.Str("earlyFinish"), t.Str("lateStart"), t.Str("lateFinish"), t.Int("totalFloat"), t.Bool("critical"))).ToArray();
        Assert.Equal(
        [
            ("a", "2027-01-04", "2027-01-08", "2027-01-04", "2027-01-08", 0, true),
            ("b", "2027-01-08", "2027-01-11", "2027-01-11", "2027-01-12", 1, false),
            ("c", "2027-01-05", "2027-01-07", "2027-01-08", "2027-01-12", 3, false),
            ("d", "2027-01-07", "2027-01-12", "2027-01-07", "2027-01-12", 0, true),
        ], rows);
    }

    [Fact]
    public async Task The_backward_pass_is_bound_by_successors_in_other_projects()
    {
        var x = Doc.Prefix("backward");
        await Api.Import(Doc.TwoProjects(x, [Doc.Task("t1", 5), Doc.Task("t2", 1)], [Doc.Task("t1", 10)]));
        var alone = await Api.TaskOf(x + "a", "t2");
        Assert.Equal((4, false), (alone.Int("totalFloat"), alone.Bool("critical")));

        await Api.Command(HttpMethod.Post, "/api/crosslinks", Doc.CrossLink(x + "a", "t2", x + "b", "t1"));

        // b/t1 now starts on day 1 and has no float, so a/t2 must end by day 1 although its own project ends on day 5.
        var bound = await Api.TaskOf(x + "a", "t2");
        Assert.Equal((0, true, "2027-01-04", "2027-01-04"), (bound.Int("totalFloat"), bound.Bool("critical"), bound.Str("lateStart"), bound.Str("lateFinish")));
        var b = await Api.Project(x + "b");
        Assert.Equal(("2027-01-05", "2027-01-18"), (b.Arr("tasks").Single().Str("earlyStart"), b.Str("finish")));
    }

    [Fact]
    public async Task A_slip_absorbed_by_float_does_not_move_the_successor_project()
    {
        var x = Doc.Prefix("float");
        await Api.Import(Doc.TwoProjects(x, [Doc.Task("long", 10), Doc.Task("short", 2)], [Doc.Task("t1", 3)],
            [Doc.CrossLink(x + "a", "long", x + "b", "t1")]));
        var before = await Api.Project(x + "b");

        await Api.Command(HttpMethod.Post, $"/api/projects/{x}a/tasks/short/slip", new { days = 3 });

        Assert.Equal(5, (await Api.TaskOf(x + "a", "short")).Int("duration"));
        Assert.Equal(before.GetRawText(), (await Api.Project(x + "b")).GetRawText());
    }

    [Fact]
    public async Task Concurrent_slips_along_a_chain_of_projects_settle_to_the_same_dates_as_applied_one_by_one()
    {
        var x = Doc.Prefix("chain");
        string[] names = ["a", "b", "c", "d", "e"];
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf")],
            projects: [.. names.Select(n => Doc.Project(x + n, x + "pf", [Doc.Task("t1", 5)]))],
            crossLinks: [.. names.Zip(names.Skip(1)).Select(p => Doc.CrossLink(x + p.First, "t1", x + p.Second, "t1"))]));
        Assert.Equal("2027-02-01", (await Api.TaskOf(x + "e", "t1")).Str("earlyStart"));

        var slips = Enumerable.Range(0, 10).Select(_ => Api.Command(HttpMethod.Post, $"/api/projects/{x}a/tasks/t1/slip", new { days = 1 }))
            .Concat(Enumerable.Range(0, 5).Select(_ => Api.Command(HttpMethod.Post, $"/api/projects/{x}c/tasks/t1/slip", new { days = 2 })))
            .Concat(Enumerable.Range(0, 4).Select(_ => Api.Command(HttpMethod.Post, $"/api/projects/{x}e/tasks/t1/slip", new { days = -1 })));
        await Task.WhenAll(slips);

        // a 15, b 5, c 15, d 5: e starts on working day 40 (Monday 2027-03-01) and lasts 1 day.
        var e = await Api.Project(x + "e");
        Assert.Equal(("2027-03-01", "2027-03-01"), (e.Arr("tasks").Single().Str("earlyStart"), e.Str("finish")));
        Assert.Equal("2027-03-01", (await Api.Portfolio(x + "pf")).Str("finish"));
    }

    [Fact]
    public async Task Of_two_concurrent_cross_links_that_together_would_close_a_cycle_exactly_one_is_accepted()
    {
        var x = Doc.Prefix("race");
        await Api.Import(Doc.TwoProjects(x, a: 1, b: 1));

        var responses = await Task.WhenAll(
            Api.Post("/api/crosslinks", Doc.CrossLink(x + "a", "t1", x + "b", "t1")),
            Api.Post("/api/crosslinks", Doc.CrossLink(x + "b", "t1", x + "a", "t1")));
        try
        {
            Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            var accepted = responses.Single(r => r.StatusCode == HttpStatusCode.Accepted);
            await Api.WaitSettled(await Api.AcceptedChangeId(accepted, "POST /api/crosslinks"));
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
        Assert.Single((await Api.ExportJson()).Arr("crossLinks"), l => l.Str("fromProject").StartsWith(x, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_change_is_404()
    {
        using var response = await Api.Send(HttpMethod.Get, $"/api/changes/{Doc.Prefix("c")}nope");
        await Api.AssertProblem(response, HttpStatusCode.NotFound);
    }
}
