namespace Pmo.Host.Tests;

/// <summary>Every command answers 202 with a changeId that settles, and has its effect.</summary>
[Collection(HostCollection.Name)]
public sealed class CommandTests(HostFixture fixture) : ApiTestBase(fixture)
{
    private static readonly HttpMethod Post = HttpMethod.Post;

    [Fact]
    public async Task A_slip_settles_and_moves_the_successor_project_across_a_cross_link()
    {
        var x = Doc.Prefix("slip");
        await Api.Import(Doc.TwoLinkedProjects(x));
        Assert.Equal("2027-01-11", (await Api.TaskOf(x + "b", "t1")).Str("earlyStart"));
        Assert.Equal("2027-01-13", (await Api.Project(x + "b")).Str("finish"));

        var slip = await Api.Command(Post, $"/api/projects/{x}a/tasks/t1/slip", new { days = 2, reason = "vendor late" });

        Assert.Equal("settled", slip.Status.Str("status"));
        Assert.True(slip.Status.Int("grainsTouched") > 0, $"grainsTouched should count the grains the slip reached: {slip.Status}");
        Assert.True(slip.Status.Instant("settledAt") >= slip.Status.Instant("acceptedAt"), $"settledAt before acceptedAt: {slip.Status}");
        Assert.True(slip.Status.Int("alertsRaised") >= 0);

        var a = await Api.TaskOf(x + "a", "t1");
        Assert.Equal((7, "2027-01-12"), (a.Int("duration"), a.Str("earlyFinish")));
        var b = await Api.Project(x + "b");
        Assert.Equal("2027-01-13", b.Arr("tasks").Single().Str("earlyStart"));
        Assert.Equal("2027-01-15", b.Str("finish"));
        Assert.Equal("2027-01-13", b.Str("baselineFinish"));

        var exported = (await Api.ExportJson()).Arr("projects").Single(p => p.Str("id") == x + "a");
        Assert.Equal(7, exported.Arr("tasks").Single().Int("duration"));

        // Every effect carries the command's changeId, the successor's ScheduleSlip included.
        var alerts = await Api.Alerts($"?scope=project:{x}b");
        Assert.Contains(alerts.Arr("items"), e => e.Str("kind") == "ScheduleSlip" && e.Str("state") == "raised"
            && e.Str("subject") == $"project:{x}b" && e.Str("changeId") == slip.ChangeId);
    }

    [Fact]
    public async Task A_negative_slip_shrinks_the_task_but_never_below_zero()
    {
        var x = Doc.Prefix("shrink");
        await Api.Import(Doc.Simple(x));

        await Api.Command(Post, $"/api/projects/{x}p/tasks/t1/slip", new { days = -2 });
        Assert.Equal((3, "2027-01-06"), await DurationAndFinish(x + "p", "t1"));

        await Api.Command(Post, $"/api/projects/{x}p/tasks/t1/slip", new { days = -10 });
        // Duration 0 makes it a milestone on its start date.
        Assert.Equal((0, "2027-01-04"), await DurationAndFinish(x + "p", "t1"));
        Assert.Equal("2027-01-04", (await Api.Project(x + "p")).Str("finish"));
    }

    [Fact]
    public async Task Progress_records_percent_complete_and_actual_cost_and_an_omitted_field_keeps_its_value()
    {
        var x = Doc.Prefix("progress");
        await Api.Import(Doc.Simple(x, fixedCost: 10_000));

        await Api.Command(Post, $"/api/projects/{x}p/tasks/t1/progress", new { percentComplete = 40, actualCost = 2000 });
        var project = await Api.Project(x + "p");
        Assert.Equal(40m, project.Arr("tasks").Single().Dec("percentComplete"));
        // EV 4000, AC 2000: CPI 2 and EAC = BAC / CPI = 5000.
        Assert.Equal((2m, 5000m), (project.Dec("cpi"), project.Dec("eac")));

        await Api.Command(Post, $"/api/projects/{x}p/tasks/t1/progress", new { percentComplete = 50 });
        Assert.Equal((50m, 2000m), await PercentAndActualCost(x + "p"));
        Assert.Equal(4000m, (await Api.Project(x + "p")).Dec("eac"));

        await Api.Command(Post, $"/api/projects/{x}p/tasks/t1/progress", new RawJson("""{ "percentComplete": null, "actualCost": 3000 }"""));
        Assert.Equal((50m, 3000m), await PercentAndActualCost(x + "p"));

        var portfolio = await Api.Portfolio(x + "pf");
        Assert.Equal((3000m, 5000m), (portfolio.Dec("ac"), portfolio.Dec("ev")));
    }

    [Fact]
    public async Task A_budget_below_the_eac_raises_a_BudgetOverrun_alert_on_the_project_and_restoring_it_resolves_the_same_alert()
    {
        var x = Doc.Prefix("budget");
        await Api.Import(Doc.Simple(x, fixedCost: 10_000, budget: 20_000));

        var cut = await Api.Command(HttpMethod.Put, $"/api/projects/{x}p/budget", new { budget = 5000 });
        Assert.Equal(5000m, (await Api.Project(x + "p")).Dec("budget"));
        Assert.True(cut.Status.Int("alertsRaised") >= 1, $"the overrun should count as raised by the change: {cut.Status}");
        var raised = Assert.Single((await Api.Alerts($"?scope=project:{x}p")).Arr("items"),
            e => e.Str("kind") == "BudgetOverrun" && e.Str("subject") == $"project:{x}p");
        Assert.Equal(("raised", cut.ChangeId), (raised.Str("state"), raised.Str("changeId")));
        Assert.Contains(x + "p", raised.Strings("projectIds"));
        Assert.NotEqual("green", (await Api.Project(x + "p")).Str("health"));

        var restore = await Api.Command(HttpMethod.Put, $"/api/projects/{x}p/budget", new { budget = 20_000 });
        var overruns = (await Api.Alerts($"?scope=project:{x}p")).Arr("items")
            .Where(e => e.Str("kind") == "BudgetOverrun" && e.Str("subject") == $"project:{x}p").ToList();
        Assert.Equal(["raised", "resolved"], overruns.Select(e => e.Str("state")).ToArray());
        Assert.Equal(raised.Str("id"), overruns[1].Str("id"));
        Assert.Equal(restore.ChangeId, overruns[1].Str("changeId"));
        Assert.Equal(20_000m, (await Api.Project(x + "p")).Dec("budget"));
    }

    [Fact]
    public async Task Rebaselining_sets_the_baseline_finish_to_the_current_finish_and_resolves_the_schedule_slip()
    {
        var x = Doc.Prefix("baseline");
        await Api.Import(Doc.Simple(x));
        await Api.Command(Post, $"/api/projects/{x}p/tasks/t1/slip", new { days = 3 });
        var slipped = await Api.Project(x + "p");
        Assert.Equal(("2027-01-13", "2027-01-08"), (slipped.Str("finish"), slipped.Str("baselineFinish")));
        Assert.Contains((await Api.Alerts($"?scope=project:{x}p")).Arr("items"), e => e.Str("kind") == "ScheduleSlip" && e.Str("state") == "raised");

        var rebaseline = await Api.Command(Post, $"/api/projects/{x}p/baseline");

        var project = await Api.Project(x + "p");
        Assert.Equal(("2027-01-13", "2027-01-13"), (project.Str("finish"), project.Str("baselineFinish")));
        var slips = (await Api.Alerts($"?scope=project:{x}p")).Arr("items").Where(e => e.Str("kind") == "ScheduleSlip").ToList();
        Assert.Equal("resolved", slips[^1].Str("state"));
        Assert.Equal(rebaseline.ChangeId, slips[^1].Str("changeId"));
    }

    [Fact]
    public async Task An_assignment_adds_load_and_cost_changing_units_replaces_it_and_units_zero_removes_it()
    {
        var x = Doc.Prefix("assign");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf")],
            resources: [Doc.Resource(x + "r", capacity: 1, costRate: 100)],
            projects: [Doc.Project(x + "p", x + "pf", [Doc.Task("t1", 5)])]));
        var range = $"/api/resources/{x}r/load?from=2027-01-04&to=2027-01-08";

        await Api.Command(Post, $"/api/projects/{x}p/assignments", new { taskId = "t1", resourceId = x + "r", units = 2 });
        Assert.Equal(1000m, (await Api.Project(x + "p")).Dec("eac")); // 2 x 100 x 5
        var load = await Api.Get(range);
        Assert.All(load.Arr("days"), d => Assert.Equal(2m, d.Dec("load")));
        Assert.All(load.Arr("days"), d => Assert.Equal([x + "p"], d.Strings("projects")));
        var run = Assert.Single(load.Arr("overallocated"));
        Assert.Equal(("2027-01-04", "2027-01-08", 2m), (run.Str("from"), run.Str("to"), run.Dec("peak")));
        Assert.Equal(2m, AssignmentUnits(await Api.ExportJson(), x + "p", x + "r"));

        await Api.Command(Post, $"/api/projects/{x}p/assignments", new { taskId = "t1", resourceId = x + "r", units = 0.5 });
        Assert.Equal(250m, (await Api.Project(x + "p")).Dec("eac"));
        Assert.Empty((await Api.Get(range)).Arr("overallocated"));
        Assert.Equal(0.5m, AssignmentUnits(await Api.ExportJson(), x + "p", x + "r"));

        await Api.Command(Post, $"/api/projects/{x}p/assignments", new { taskId = "t1", resourceId = x + "r", units = 0 });
        Assert.Equal(0m, (await Api.Project(x + "p")).Dec("eac"));
        Assert.All((await Api.Get(range)).Arr("days"), d => Assert.Equal(0m, d.Dec("load")));
        Assert.Null(AssignmentUnits(await Api.ExportJson(), x + "p", x + "r"));
    }

    [Fact]
    public async Task Units_zero_on_an_unassigned_pair_is_accepted_and_does_nothing()
    {
        var x = Doc.Prefix("assign0");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf")],
            resources: [Doc.Resource(x + "r")],
            projects: [Doc.Project(x + "p", x + "pf", [Doc.Task("t1", 5)])]));
        var before = await Api.Export();
        await Api.Command(Post, $"/api/projects/{x}p/assignments", new { taskId = "t1", resourceId = x + "r", units = 0 });
        Assert.Equal(before, await Api.Export());
    }

    [Fact]
    public async Task Moving_a_project_changes_its_portfolio_and_both_roll_ups_follow()
    {
        var x = Doc.Prefix("move");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "from"), Doc.Portfolio(x + "to")],
            projects: [Doc.Project(x + "p", x + "from", [Doc.Task("t1", 5, fixedCost: 700)])]));
        Assert.Equal((1, 0), (await ProjectCount(x + "from"), await ProjectCount(x + "to")));

        await Api.Command(Post, $"/api/projects/{x}p/move", new { portfolioId = x + "to" });

        Assert.Equal(x + "to", (await Api.Project(x + "p")).Str("portfolioId"));
        Assert.Equal((0, 1), (await ProjectCount(x + "from"), await ProjectCount(x + "to")));
        Assert.Equal((0m, 700m), ((await Api.Portfolio(x + "from")).Dec("eac"), (await Api.Portfolio(x + "to")).Dec("eac")));
        var exported = (await Api.ExportJson()).Arr("projects").Single(p => p.Str("id") == x + "p");
        Assert.Equal(x + "to", exported.Str("portfolioId"));
    }

    [Fact]
    public async Task Moving_a_resource_changes_its_pool()
    {
        var x = Doc.Prefix("pool");
        await Api.Import(Doc.Document(resources: [Doc.Resource(x + "r", pool: "Data")]));

        await Api.Command(Post, $"/api/resources/{x}r/move", new { pool = "Platform" });

        var resource = (await Api.ExportJson()).Arr("resources").Single(r => r.Str("id") == x + "r");
        Assert.Equal("Platform", resource.Str("pool"));
    }

    [Fact]
    public async Task PUT_portfolio_creates_changes_and_re_roots_a_portfolio_and_DELETE_removes_an_empty_one()
    {
        var x = Doc.Prefix("pfput");
        await Api.Command(HttpMethod.Put, $"/api/portfolios/{x}root", new { name = "Root", budget = 1000 });
        await Api.Command(HttpMethod.Put, $"/api/portfolios/{x}child", new { name = "Child", parentId = x + "root", budget = 500 });

        var root = await Api.Portfolio(x + "root");
        Assert.Equal(("Root", null, 1000m, 0), (root.Str("name"), root.OptStr("parentId"), root.Dec("budget"), root.Int("projectCount")));
        var child = await Api.Portfolio(x + "child");
        Assert.Equal(("Child", x + "root", 500m), (child.Str("name"), child.OptStr("parentId"), child.Dec("budget")));
        Assert.Contains((await Api.Get("/api/portfolios")).EnumerateArray(), p => p.Str("id") == x + "child");

        // Omitted fields keep their values.
        await Api.Command(HttpMethod.Put, $"/api/portfolios/{x}child", new { budget = 700 });
        child = await Api.Portfolio(x + "child");
        Assert.Equal(("Child", x + "root", 700m), (child.Str("name"), child.OptStr("parentId"), child.Dec("budget")));

        // An explicit null parent makes a root.
        await Api.Command(HttpMethod.Put, $"/api/portfolios/{x}child", new RawJson("""{ "parentId": null }"""));
        child = await Api.Portfolio(x + "child");
        Assert.Equal(("Child", null, 700m), (child.Str("name"), child.OptStr("parentId"), child.Dec("budget")));

        await Api.Command(HttpMethod.Delete, $"/api/portfolios/{x}child");
        Assert.Equal(HttpStatusCode.NotFound, await Api.StatusOf($"/api/portfolios/{x}child"));
        Assert.DoesNotContain((await Api.Get("/api/portfolios")).EnumerateArray(), p => p.Str("id") == x + "child");
        Assert.DoesNotContain((await Api.ExportJson()).Arr("portfolios"), p => p.Str("id") == x + "child");
    }

    [Fact]
    public async Task A_portfolio_rolls_up_its_sub_portfolios_and_a_re_parent_moves_the_roll_up()
    {
        var x = Doc.Prefix("subtree");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "r1"), Doc.Portfolio(x + "r2"), Doc.Portfolio(x + "c", parentId: x + "r1")],
            projects: [Doc.Project(x + "p", x + "c", [Doc.Task("t1", 5, fixedCost: 300)])]));
        Assert.Equal((1, 0), (await ProjectCount(x + "r1"), await ProjectCount(x + "r2")));
        Assert.Equal(300m, (await Api.Portfolio(x + "r1")).Dec("eac"));

        await Api.Command(HttpMethod.Put, $"/api/portfolios/{x}c", new { parentId = x + "r2" });

        Assert.Equal((0, 1), (await ProjectCount(x + "r1"), await ProjectCount(x + "r2")));
        Assert.Equal((0m, 300m), ((await Api.Portfolio(x + "r1")).Dec("eac"), (await Api.Portfolio(x + "r2")).Dec("eac")));
        Assert.Equal("2027-01-08", (await Api.Portfolio(x + "r2")).Str("finish"));
    }

    [Fact]
    public async Task Adding_a_cross_link_moves_the_successor_reposting_it_replaces_its_lag_and_deleting_it_moves_it_back()
    {
        var x = Doc.Prefix("xlink");
        await Api.Import(Doc.TwoProjects(x));
        Assert.Equal("2027-01-04", (await Api.TaskOf(x + "b", "t1")).Str("earlyStart"));

        await Api.Command(Post, "/api/crosslinks", Doc.CrossLink(x + "a", "t1", x + "b", "t1"));
        Assert.Equal("2027-01-11", (await Api.TaskOf(x + "b", "t1")).Str("earlyStart"));

        await Api.Command(Post, "/api/crosslinks", Doc.CrossLink(x + "a", "t1", x + "b", "t1", lag: 2));
        Assert.Equal("2027-01-13", (await Api.TaskOf(x + "b", "t1")).Str("earlyStart"));
        var link = Assert.Single((await Api.ExportJson()).Arr("crossLinks"), l => l.Str("fromProject") == x + "a");
        Assert.Equal((x + "b", "t1", "FS", 2), (link.Str("toProject"), link.Str("toTask"), link.Str("type"), link.Int("lag")));

        await Api.Command(HttpMethod.Delete, "/api/crosslinks", Doc.CrossLink(x + "a", "t1", x + "b", "t1"));
        Assert.Equal("2027-01-04", (await Api.TaskOf(x + "b", "t1")).Str("earlyStart"));
        Assert.DoesNotContain((await Api.ExportJson()).Arr("crossLinks"), l => l.Str("fromProject") == x + "a");
    }

    [Fact]
    public async Task Deleting_a_project_makes_it_404_removes_it_and_its_links_from_the_export_and_every_roll_up_and_load()
    {
        var x = Doc.Prefix("cancel");
        await Api.Import(Doc.TwoProjects(x,
            [Doc.Task("t1", 5, fixedCost: 1000, assignments: [Doc.Assign(x + "r", 1)])], [Doc.Task("t1", 3, fixedCost: 200)],
            crossLinks: [Doc.CrossLink(x + "a", "t1", x + "b", "t1")], resources: [Doc.Resource(x + "r", capacity: 1, costRate: 100)]));
        await Api.Command(Post, $"/api/projects/{x}a/tasks/t1/progress", new { percentComplete = 10, actualCost = 400 });
        var before = await Api.Portfolio(x + "pf");
        Assert.Equal((2, 400m), (before.Int("projectCount"), before.Dec("ac")));
        Assert.Equal("2027-01-11", (await Api.TaskOf(x + "b", "t1")).Str("earlyStart"));

        await Api.Command(HttpMethod.Delete, $"/api/projects/{x}a");

        Assert.Equal(HttpStatusCode.NotFound, await Api.StatusOf($"/api/projects/{x}a"));
        var export = await Api.ExportJson();
        Assert.DoesNotContain(export.Arr("projects"), p => p.Str("id") == x + "a");
        Assert.DoesNotContain(export.Arr("crossLinks"), l => l.Str("fromProject") == x + "a" || l.Str("toProject") == x + "a");
        Assert.Equal("2027-01-04", (await Api.TaskOf(x + "b", "t1")).Str("earlyStart"));
        var after = await Api.Portfolio(x + "pf");
        var b = await Api.Project(x + "b");
        Assert.Equal((1, 0m, b.Dec("eac"), "2027-01-06"), (after.Int("projectCount"), after.Dec("ac"), after.Dec("eac"), after.Str("finish")));
        var load = await Api.Get($"/api/resources/{x}r/load?from=2027-01-04&to=2027-01-08");
        Assert.All(load.Arr("days"), d => Assert.Equal(0m, d.Dec("load")));
        Assert.Empty(load.Arr("overallocated"));
    }

    private async Task<(int, string?)> DurationAndFinish(string projectId, string taskId)
    {
        var task = await Api.TaskOf(projectId, taskId);
        return (task.Int("duration"), task.Str("earlyFinish"));
    }

    private async Task<(decimal, decimal)> PercentAndActualCost(string projectId)
    {
        var task = (await Api.ExportJson()).Arr("projects").Single(p => p.Str("id") == projectId).Arr("tasks").Single();
        return (task.Dec("percentComplete"), task.Dec("actualCost"));
    }

    private async Task<int> ProjectCount(string portfolioId) => (await Api.Portfolio(portfolioId)).Int("projectCount");

    private static decimal? AssignmentUnits(JsonElement export, string projectId, string resourceId)
    {
        var task = export.Arr("projects").Single(p => p.Str("id") == projectId).Arr("tasks").Single(t => t.Str("id") == "t1");
        var assignment = task.Arr("assignments").Where(a => a.Str("resourceId") == resourceId).ToList();
        return assignment.Count == 0 ? null : assignment.Single().Dec("units");
    }
}
