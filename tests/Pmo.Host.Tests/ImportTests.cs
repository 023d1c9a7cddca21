using System.Text.RegularExpressions;

namespace Pmo.Host.Tests;

[Collection(HostCollection.Name)]
public sealed partial class ImportTests(HostFixture fixture) : ApiTestBase(fixture)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateOnlyFormat();

    [Fact]
    public async Task Import_is_accepted_with_a_change_that_settles_and_schedules_a_tiny_project_on_hand_computed_dates()
    {
        var x = Doc.Prefix("happy");
        var document = new
        {
            calendar = Doc.WorkWeek,
            portfolios = new[] { Doc.Portfolio(x + "pf", budget: 100_000) },
            resources = new[] { Doc.Resource(x + "r", capacity: 1, costRate: 100) },
            projects = new[]
            {
                Doc.Project(x + "p", x + "pf", start: "2027-01-04", budget: 10_000, tasks:
                [
                    Doc.Task("t1", 5, fixedCost: 1000, assignments: [Doc.Assign(x + "r", 0.5m)]),
                    Doc.Task("m1", 0),
                    Doc.Task("t2", 2, fixedCost: 500),
                ], links: [Doc.Link("t1", "m1")]),
            },
        };

        using var response = await Api.Post("/api/import", document);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var changeId = await Api.AcceptedChangeId(response, "POST /api/import");
        var status = await Api.WaitSettled(changeId);
        Assert.Equal(changeId, status.Str("changeId"));
        Assert.Equal("settled", status.Str("status"));

        var project = await Api.Project(x + "p");
        Assert.Equal(x + "p", project.Str("id"));
        // Mon-Fri: 5 days from Monday 2027-01-04 end on Friday 01-08; the milestone after it is on Monday 01-11.
        Assert.Equal("2027-01-11", project.Str("finish"));
        Assert.Equal("2027-01-11", project.Str("baselineFinish"));
        Assert.Equal(10_000m, project.Dec("budget"));
        // Cost: t1 1000 + 0.5 x 100 x 5 = 1250, t2 500; nothing spent, so CPI 1 and EAC = BAC.
        Assert.Equal(1750m, project.Dec("eac"));
        Assert.Equal(1m, project.Dec("cpi"));
        _ = project.Dec("spi");
        Assert.Contains(project.Str("health"), new[] { "green", "amber", "red" });

        var tasks = project.Arr("tasks");
        Assert.Equal(["t1", "m1", "t2"], tasks.Select(t => t.Str("id")).ToArray());
        foreach (var task in tasks)
        {
            foreach (var field in new[] { "earlyStart", "earlyFinish", "lateStart", "lateFinish" })
                Assert.Matches(DateOnlyFormat(), task.Str(field));
            Assert.False(string.IsNullOrEmpty(task.Str("name")));
            Assert.Equal(0m, task.Dec("percentComplete"));
        }

        AssertTask(tasks[0], duration: 5, es: "2027-01-04", ef: "2027-01-08", ls: "2027-01-04", lf: "2027-01-08", totalFloat: 0, critical: true);
        AssertTask(tasks[1], duration: 0, es: "2027-01-11", ef: "2027-01-11", ls: "2027-01-11", lf: "2027-01-11", totalFloat: 0, critical: true);
        // t2 occupies working days 0..1; its late finish is bound by the project's finish (working day 5).
        AssertTask(tasks[2], duration: 2, es: "2027-01-04", ef: "2027-01-05", ls: "2027-01-07", lf: "2027-01-08", totalFloat: 3, critical: false);

        var portfolio = await Api.Portfolio(x + "pf");
        Assert.Equal(1, portfolio.Int("projectCount"));
        Assert.Equal(100_000m, portfolio.Dec("budget"));
        Assert.Equal(1750m, portfolio.Dec("eac"));
        Assert.Equal("2027-01-11", portfolio.Str("finish"));
        Assert.Contains(portfolio.Str("health"), new[] { "green", "amber", "red" });
        _ = portfolio.Int("openAlerts");

        var export = await Api.ExportJson();
        var exported = export.Arr("projects").Single(p => p.Str("id") == x + "p");
        Assert.Equal("2027-01-04", exported.Str("start"));
        Assert.Equal(["t1", "m1", "t2"], exported.Arr("tasks").Select(t => t.Str("id")).ToArray());
        var link = Assert.Single(exported.Arr("links"));
        Assert.Equal(("t1", "m1", "FS", 0), (link.Str("from"), link.Str("to"), link.Str("type"), link.Int("lag")));
        Assert.Contains(export.Arr("resources"), r => r.Str("id") == x + "r" && r.Str("pool") == "Data" && r.Dec("costRate") == 100m);
        Assert.Contains(export.Arr("portfolios"), p => p.Str("id") == x + "pf" && p.Dec("budget") == 100_000m);
    }

    [Fact]
    public async Task A_project_listed_in_GET_portfolios_shows_in_its_portfolio_roll_up()
    {
        var x = Doc.Prefix("list");
        await Api.Import(Doc.Simple(x, fixedCost: 2000));
        var all = await Api.Get("/api/portfolios");
        var mine = Assert.Single(all.EnumerateArray(), p => p.Str("id") == x + "pf");
        Assert.Equal(1, mine.Int("projectCount"));
        Assert.Equal(2000m, mine.Dec("eac"));
        Assert.Equal("2027-01-08", mine.Str("finish"));
    }

    [Fact]
    public async Task Reimporting_a_project_replaces_its_tasks_but_keeps_its_baseline_finish()
    {
        var x = Doc.Prefix("reimport");
        await Api.Import(Doc.Simple(x));
        Assert.Equal("2027-01-08", (await Api.Project(x + "p")).Str("baselineFinish"));

        await Api.Import(Doc.Document(projects:
            [Doc.Project(x + "p", x + "pf", [Doc.Task("t1", 7), Doc.Task("t9", 1)], links: [Doc.Link("t1", "t9")])]));

        var project = await Api.Project(x + "p");
        Assert.Equal(["t1", "t9"], project.Arr("tasks").Select(t => t.Str("id")).ToArray());
        Assert.Equal("2027-01-13", project.Str("finish"));
        Assert.Equal("2027-01-08", project.Str("baselineFinish"));
    }

    [Fact]
    public async Task Import_may_reference_entities_stored_by_an_earlier_import()
    {
        var x = Doc.Prefix("refs");
        await Api.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "pf")], resources: [Doc.Resource(x + "r")]));
        await Api.Import(Doc.Document(projects:
            [Doc.Project(x + "p", x + "pf", [Doc.Task("t1", 2, assignments: [Doc.Assign(x + "r", 1)])])]));

        var project = await Api.Project(x + "p");
        Assert.Equal(x + "pf", project.Str("portfolioId"));
        Assert.Equal(200m, project.Dec("eac")); // 1 x 100 x 2 days
    }

    [Fact]
    public async Task Importing_the_export_again_is_accepted_and_changes_nothing()
    {
        var x = Doc.Prefix("roundtrip");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf"), Doc.Portfolio(x + "sub", parentId: x + "pf", budget: 5000)],
            resources: [Doc.Resource(x + "r", capacity: 2, costRate: 640, pool: "Data")],
            projects:
            [
                Doc.Project(x + "a", x + "sub", [Doc.Task("t1", 10, fixedCost: 50, assignments: [Doc.Assign(x + "r", 0.5m)], deadline: "2027-06-30"), Doc.Task("m1", 0)],
                    links: [Doc.Link("t1", "m1", "FS", 1)]),
                Doc.Project(x + "b", x + "pf", [Doc.Task("t1", 3, percentComplete: 20, actualCost: 10)]),
            ],
            crossLinks: [Doc.CrossLink(x + "a", "m1", x + "b", "t1", "SS", -1)]));
        var export = await Api.Export();
        var alerts = (await Api.Alerts("")).Long("lastSeq");

        await Api.Import(new RawJson(export));

        Assert.Equal(export, await Api.Export());
        Assert.Equal(alerts, (await Api.Alerts("")).Long("lastSeq"));
    }

    [Fact]
    public async Task Reimporting_a_resource_with_a_new_cost_rate_reprices_the_projects_that_use_it()
    {
        var x = Doc.Prefix("rate");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf")],
            resources: [Doc.Resource(x + "r", costRate: 100)],
            projects: [Doc.Project(x + "p", x + "pf", [Doc.Task("t1", 5, fixedCost: 1000, assignments: [Doc.Assign(x + "r", 1)])])]));
        Assert.Equal(1500m, (await Api.Project(x + "p")).Dec("eac"));

        await Api.Import(Doc.Document(resources: [Doc.Resource(x + "r", costRate: 200)]));

        Assert.Equal(2000m, (await Api.Project(x + "p")).Dec("eac"));
        Assert.Equal(2000m, (await Api.Portfolio(x + "pf")).Dec("eac"));
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_and_lists_the_import_endpoint()
    {
        var openapi = await Api.Get("/openapi/v1.json");
        Assert.True(openapi.Prop("paths").TryGetProperty("/api/import", out var import), "paths has no /api/import");
        Assert.True(import.TryGetProperty("post", out _), "/api/import has no post operation");
    }

    [Theory]
    [InlineData("/api/projects/{id}/tasks/{taskId}/slip", "post", true)]
    [InlineData("/api/projects/{id}/move", "post", true)]
    [InlineData("/api/crosslinks", "post", true)]
    [InlineData("/api/portfolios/{id}", "put", true)]
    [InlineData("/api/import", "post", false)]
    public async Task The_OpenAPI_document_lists_every_answer_a_command_can_give(string path, string method, bool canMissAnId)
    {
        var openapi = await Api.Get("/openapi/v1.json");
        Assert.True(openapi.Prop("paths").TryGetProperty(path, out var operations), $"paths has no {path}: {string.Join(", ", openapi.Prop("paths").EnumerateObject().Select(p => p.Name))}");
        var responses = operations.Prop(method).Prop("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "202", "400", "401", "403", "409", "413", "415", "429", "503" }, responses);
        Assert.Equal(canMissAnId, responses.Contains("404"));
    }

    private static void AssertTask(System.Text.Json.JsonElement task, int duration, string es, string ef, string ls, string lf, int totalFloat, bool critical)
    {
        var id = task.Str("id");
        Assert.Equal((id, duration, es, ef, ls, lf, totalFloat, critical),
            (id, task.Int("duration"), task.Str("earlyStart"), task.Str("earlyFinish"), task.Str("lateStart"), task.Str("lateFinish"), task.Int("totalFloat"), task.Bool("critical")));
    }
}
