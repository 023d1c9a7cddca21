namespace Pmo.Host.Tests;

/// <summary>
/// Every bad input CONTRACT.md names gets its error — status, application/problem+json, for 400 an
/// errors map naming the field — and leaves GET /api/export byte-for-byte (and the alert log) unchanged.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RefusalTests(HostFixture fixture) : ApiTestBase(fixture)
{
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    /// <summary>A stored portfolio, resource and two projects a → b linked across (t1 → t1); b has t1 → t2 inside.</summary>
    private async Task<string> Stored()
    {
        var x = Doc.Prefix("bad");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf")],
            resources: [Doc.Resource(x + "r")],
            projects:
            [
                Doc.Project(x + "a", x + "pf", [Doc.Task("t1", 5, fixedCost: 100)]),
                Doc.Project(x + "b", x + "pf", [Doc.Task("t1", 3), Doc.Task("t2", 2)], links: [Doc.Link("t1", "t2")]),
            ],
            crossLinks: [Doc.CrossLink(x + "a", "t1", x + "b", "t1")]));
        return x;
    }

    private Task<System.Text.Json.JsonElement> ImportRefused(object document, params string[] fields) =>
        Api.RefusedWithoutChange(Post, "/api/import", document, HttpStatusCode.BadRequest, fields);

    // ---- import ----

    [Fact]
    public async Task Import_with_an_unknown_reference_is_refused_naming_the_field_and_changes_nothing()
    {
        var x = await Stored();
        await ImportRefused(Doc.Document(
            portfolios: [Doc.Portfolio(x + "new-pf")],
            projects: [Doc.Project(x + "c", x + "no-such-portfolio", [Doc.Task("t1", 1)])]), "portfolioId");
        await ImportRefused(Doc.Document(
            projects: [Doc.Project(x + "c", x + "pf", [Doc.Task("t1", 1, assignments: [Doc.Assign(x + "no-such-resource", 1)])])]), "resourceId");
        await ImportRefused(Doc.Document(
            projects: [Doc.Project(x + "c", x + "pf", [Doc.Task("t1", 1)], links: [Doc.Link("t1", "t9")])]), "to");
        await ImportRefused(Doc.Document(
            crossLinks: [Doc.CrossLink(x + "a", "t1", x + "b", "t9")]), "toTask");
        await ImportRefused(Doc.Document(
            portfolios: [Doc.Portfolio(x + "new-pf", parentId: x + "no-such-parent")]), "parentId");
        Assert.Equal(HttpStatusCode.NotFound, await Api.StatusOf($"/api/projects/{x}c"));
        Assert.Equal(HttpStatusCode.NotFound, await Api.StatusOf($"/api/portfolios/{x}new-pf"));
    }

    [Fact]
    public async Task Import_with_a_duplicate_id_is_refused_naming_the_field_and_changes_nothing()
    {
        var x = await Stored();
        await ImportRefused(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf")],
            projects: [Doc.Project(x + "c", x + "pf", [Doc.Task("t1", 1)]), Doc.Project(x + "c", x + "pf", [Doc.Task("t1", 2)])]), "id");
        await ImportRefused(Doc.Document(
            projects: [Doc.Project(x + "c", x + "pf", [Doc.Task("t1", 1), Doc.Task("t1", 2)])]), "id");
        Assert.Equal(HttpStatusCode.NotFound, await Api.StatusOf($"/api/projects/{x}c"));
    }

    [Fact]
    public async Task Import_with_a_cycle_inside_a_project_is_refused_with_the_cycle_path_and_changes_nothing()
    {
        var x = await Stored();
        var problem = await ImportRefused(Doc.Document(projects:
        [
            Doc.Project(x + "c", x + "pf", [Doc.Task("t1", 1), Doc.Task("t2", 1), Doc.Task("t3", 1)],
                links: [Doc.Link("t1", "t2"), Doc.Link("t2", "t3"), Doc.Link("t3", "t1")]),
        ]));
        var cycle = AssertCycle(problem);
        Assert.Equal(4, cycle.Count);
        Assert.Equal(new[] { $"{x}c/t1", $"{x}c/t2", $"{x}c/t3" }, cycle.Take(3).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_with_a_cycle_across_projects_is_refused_with_the_cycle_path_and_changes_nothing()
    {
        var x = await Stored();
        var problem = await ImportRefused(Doc.Document(
            projects: [Doc.Project(x + "c", x + "pf", [Doc.Task("t1", 1)]), Doc.Project(x + "d", x + "pf", [Doc.Task("t1", 1)])],
            crossLinks: [Doc.CrossLink(x + "c", "t1", x + "d", "t1"), Doc.CrossLink(x + "d", "t1", x + "c", "t1")]));
        var cycle = AssertCycle(problem);
        Assert.Contains($"{x}c/t1", cycle);
        Assert.Contains($"{x}d/t1", cycle);
    }

    [Fact]
    public async Task Import_that_closes_a_cycle_with_a_stored_cross_link_is_refused_with_the_cycle_path_and_changes_nothing()
    {
        var x = await Stored();
        // Stored: a/t1 -> b/t1 -> b/t2. The document adds b/t2 -> a/t1.
        var problem = await ImportRefused(Doc.Document(crossLinks: [Doc.CrossLink(x + "b", "t2", x + "a", "t1")]));
        var cycle = AssertCycle(problem);
        Assert.Equal(new[] { $"{x}a/t1", $"{x}b/t1", $"{x}b/t2" }, cycle.Skip(1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_with_a_negative_duration_is_refused_naming_the_field_and_changes_nothing()
    {
        var x = await Stored();
        await ImportRefused(Doc.Document(projects: [Doc.Project(x + "a", x + "pf", [Doc.Task("t1", -1)])]), "duration");
    }

    [Fact]
    public async Task Import_with_a_negative_budget_is_refused_naming_the_field_and_changes_nothing()
    {
        var x = await Stored();
        await ImportRefused(Doc.Document(projects: [Doc.Project(x + "a", x + "pf", [Doc.Task("t1", 5)], budget: -1)]), "budget");
        await ImportRefused(Doc.Document(portfolios: [Doc.Portfolio(x + "pf", budget: -5)]), "budget");
    }

    [Theory]
    [InlineData("2027-13-01")]
    [InlineData("2027-02-30")]
    [InlineData("04/01/2027")]
    [InlineData("2027-1-4")]
    [InlineData("soon")]
    public async Task Import_with_a_malformed_date_is_refused_naming_the_field_and_changes_nothing(string date)
    {
        var x = await Stored();
        await ImportRefused(Doc.Document(projects: [Doc.Project(x + "a", x + "pf", [Doc.Task("t1", 5)], start: date)]), "start");
        await ImportRefused(Doc.Document(projects: [Doc.Project(x + "a", x + "pf", [Doc.Task("t1", 5, deadline: date)])]), "deadline");
        await ImportRefused(new { statusDate = date }, "statusDate");
        await ImportRefused(new { calendar = new { holidays = new[] { date } } }, "holidays[0]");
    }

    [Fact]
    public async Task Import_with_several_problems_lists_every_one_and_changes_nothing()
    {
        var x = await Stored();
        var problem = await ImportRefused(Doc.Document(projects:
        [
            Doc.Project(x + "c", x + "pf", [Doc.Task("t1", -3)], start: "2027-02-31", budget: -1),
        ]), "duration", "start", "budget");
        Assert.True(problem.Prop("errors").EnumerateObject().Count() >= 3);
    }

    [Fact]
    public async Task Import_that_would_drop_a_task_named_by_a_stored_cross_link_is_refused_and_changes_nothing()
    {
        var x = await Stored();
        // b/t1 is the to-end of the stored cross link a/t1 -> b/t1.
        await ImportRefused(Doc.Document(projects: [Doc.Project(x + "b", x + "pf", [Doc.Task("t2", 2)])]));
    }

    [Fact]
    public async Task Import_of_malformed_JSON_is_refused_with_400_and_changes_nothing()
    {
        var x = await Stored();
        await ImportRefused(new RawJson($$"""{ "projects": [ { "id": "{{x}}c", "tasks": [ """));
        await ImportRefused(new RawJson("""{ "projects": [ } """));
        await ImportRefused(new RawJson("not json at all"));
    }

    [Fact]
    public async Task Import_with_a_string_where_a_number_belongs_is_refused_naming_the_field_and_changes_nothing()
    {
        var x = await Stored();
        await ImportRefused(new RawJson($$"""
            { "projects": [ { "id": "{{x}}a", "name": "A", "portfolioId": "{{x}}pf", "start": "2027-01-04", "budget": 1,
              "tasks": [ { "id": "t1", "name": "T", "duration": "five" } ], "links": [] } ] }
            """), "duration");
        await ImportRefused(new RawJson("""{ "projects": 5 }"""), "projects");
    }

    [Fact]
    public async Task Import_of_an_empty_body_is_refused_with_400_naming_body_and_changes_nothing()
    {
        await Stored();
        await ImportRefused(new RawJson(""), "body");
        await Api.RefusedWithoutChange(() => Api.Post("/api/import"), HttpStatusCode.BadRequest, "body");
        await ImportRefused(new RawJson("null"), "body");
    }

    // ---- commands on unknown ids in the path ----

    [Theory]
    [InlineData("POST", "/api/projects/{missing}/tasks/t1/slip", """{ "days": 1 }""")]
    [InlineData("POST", "/api/projects/{missing}/tasks/t1/progress", """{ "percentComplete": 10 }""")]
    [InlineData("PUT", "/api/projects/{missing}/budget", """{ "budget": 10 }""")]
    [InlineData("POST", "/api/projects/{missing}/assignments", """{ "taskId": "t1", "resourceId": "{x}r", "units": 1 }""")]
    [InlineData("POST", "/api/projects/{missing}/move", """{ "portfolioId": "{x}pf" }""")]
    [InlineData("POST", "/api/projects/{missing}/baseline", null)]
    [InlineData("DELETE", "/api/projects/{missing}", null)]
    [InlineData("POST", "/api/resources/{missing}/move", """{ "pool": "Platform" }""")]
    [InlineData("DELETE", "/api/portfolios/{missing}", null)]
    [InlineData("POST", "/api/projects/{x}a/tasks/t9/slip", """{ "days": 1 }""")]
    [InlineData("POST", "/api/projects/{x}a/tasks/t9/progress", """{ "percentComplete": 10 }""")]
    public async Task A_command_naming_an_unknown_id_in_its_path_is_404_and_changes_nothing(string method, string path, string? body)
    {
        var x = await Stored();
        string Fill(string s) => s.Replace("{missing}", x + "missing").Replace("{x}", x);
        await Api.RefusedWithoutChange(new HttpMethod(method), Fill(path), body is null ? null : new RawJson(Fill(body)), HttpStatusCode.NotFound);
    }

    // ---- unknown ids and bad values in the body ----

    [Fact]
    public async Task An_assignment_naming_an_unknown_resource_or_task_is_400_naming_the_field_and_changes_nothing()
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/assignments", new { taskId = "t1", resourceId = x + "nobody", units = 1 }, HttpStatusCode.BadRequest, "resourceId");
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/assignments", new { taskId = "t9", resourceId = x + "r", units = 1 }, HttpStatusCode.BadRequest, "taskId");
    }

    [Fact]
    public async Task Moving_a_project_to_an_unknown_or_missing_portfolio_is_400_naming_portfolioId_and_changes_nothing()
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/move", new { portfolioId = x + "nowhere" }, HttpStatusCode.BadRequest, "portfolioId");
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/move", new RawJson("{}"), HttpStatusCode.BadRequest, "portfolioId");
    }

    [Fact]
    public async Task A_cross_link_naming_an_unknown_task_or_project_is_400_naming_the_field_and_changes_nothing()
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Post, "/api/crosslinks", Doc.CrossLink(x + "a", "t1", x + "b", "t9"), HttpStatusCode.BadRequest, "toTask");
        await Api.RefusedWithoutChange(Post, "/api/crosslinks", Doc.CrossLink(x + "zz", "t1", x + "b", "t2"), HttpStatusCode.BadRequest, "fromProject");
        await Api.RefusedWithoutChange(Post, "/api/crosslinks", Doc.CrossLink(x + "a", "t1", x + "b", "t2", type: "XX"), HttpStatusCode.BadRequest, "type");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "budget": null }""")]
    [InlineData("""{ "budget": -1 }""")]
    [InlineData("""{ "budget": "lots" }""")]
    public async Task A_budget_that_is_missing_negative_or_not_a_number_is_400_naming_budget_and_changes_nothing(string body)
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Put, $"/api/projects/{x}a/budget", new RawJson(body), HttpStatusCode.BadRequest, "budget");
    }

    [Theory]
    [InlineData("""{ "taskId": "t1", "resourceId": "{x}r", "units": -0.5 }""")]
    [InlineData("""{ "taskId": "t1", "resourceId": "{x}r" }""")]
    [InlineData("""{ "taskId": "t1", "resourceId": "{x}r", "units": "two" }""")]
    public async Task Assignment_units_that_are_negative_missing_or_not_a_number_are_400_naming_units_and_change_nothing(string body)
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/assignments", new RawJson(body.Replace("{x}", x)), HttpStatusCode.BadRequest, "units");
    }

    [Theory]
    [InlineData("""{ "pool": "" }""")]
    [InlineData("""{ "pool": "   " }""")]
    [InlineData("{}")]
    public async Task Moving_a_resource_to_an_empty_pool_is_400_naming_pool_and_changes_nothing(string body)
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Post, $"/api/resources/{x}r/move", new RawJson(body), HttpStatusCode.BadRequest, "pool");
    }

    [Theory]
    [InlineData("""{ "days": "five" }""", "days")]
    [InlineData("""{ "days": 1.5 }""", "days")]
    [InlineData("{}", "days")]
    [InlineData("""{ "percentComplete": "half" }""", "percentComplete")]
    [InlineData("""{ "percentComplete": 101 }""", "percentComplete")]
    [InlineData("""{ "actualCost": -1 }""", "actualCost")]
    public async Task A_slip_or_progress_with_a_bad_value_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var x = await Stored();
        var command = field == "days" ? "slip" : "progress";
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/tasks/t1/{command}", new RawJson(body), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("slip")]
    [InlineData("progress")]
    public async Task A_command_with_an_empty_body_where_one_is_required_is_400_and_changes_nothing(string command)
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/tasks/t1/{command}", new RawJson(""), HttpStatusCode.BadRequest);
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/tasks/t1/{command}", null, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_command_with_malformed_JSON_is_400_and_changes_nothing()
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/tasks/t1/slip", new RawJson("""{ "days": 3 """), HttpStatusCode.BadRequest);
        await Api.RefusedWithoutChange(Put, $"/api/portfolios/{x}pf", new RawJson("""{ "name": """), HttpStatusCode.BadRequest);
    }

    // ---- conflicts ----

    [Fact]
    public async Task A_cross_link_that_would_close_a_cycle_is_409_with_the_cycle_and_changes_nothing()
    {
        var x = await Stored();
        // Stored: a/t1 -> b/t1 -> b/t2.
        var problem = await Api.RefusedWithoutChange(Post, "/api/crosslinks", Doc.CrossLink(x + "b", "t2", x + "a", "t1"), HttpStatusCode.Conflict);
        var cycle = AssertCycle(problem);
        Assert.Equal(new[] { $"{x}a/t1", $"{x}b/t1", $"{x}b/t2" }, cycle.Skip(1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deleting_a_cross_link_that_is_not_stored_is_404_and_changes_nothing()
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Delete, "/api/crosslinks", Doc.CrossLink(x + "b", "t2", x + "a", "t1"), HttpStatusCode.NotFound);
        await Api.RefusedWithoutChange(Delete, "/api/crosslinks", Doc.CrossLink(x + "a", "t1", x + "b", "t2"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Re_parenting_a_portfolio_into_its_own_descendant_is_409_with_the_ring_path_and_changes_nothing()
    {
        var x = Doc.Prefix("ring");
        await Api.Import(Doc.Document(portfolios:
            [Doc.Portfolio(x + "a"), Doc.Portfolio(x + "b", parentId: x + "a"), Doc.Portfolio(x + "c", parentId: x + "b")]));

        var problem = await Api.RefusedWithoutChange(Put, $"/api/portfolios/{x}a", new { parentId = x + "c" }, HttpStatusCode.Conflict);
        var path = problem.Strings("path");
        Assert.True(path.Count >= 4 && path[0] == path[^1], $"path should name the ring, first repeated last: {string.Join(" -> ", path)}");
        Assert.Equal(new[] { x + "a", x + "b", x + "c" }, path.Skip(1).Order(StringComparer.Ordinal));

        var self = await Api.RefusedWithoutChange(Put, $"/api/portfolios/{x}a", new { parentId = x + "a" }, HttpStatusCode.Conflict);
        Assert.Equal([x + "a", x + "a"], self.Strings("path"));

        // The same ring through an import.
        var imported = await Api.RefusedWithoutChange(Post, "/api/import", Doc.Document(portfolios: [Doc.Portfolio(x + "a", parentId: x + "c")]), HttpStatusCode.BadRequest);
        Assert.Contains(x + "a", imported.Strings("path"));
    }

    [Fact]
    public async Task Deleting_a_portfolio_that_holds_projects_or_sub_portfolios_is_409_and_changes_nothing()
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Delete, $"/api/portfolios/{x}pf", null, HttpStatusCode.Conflict);

        await Api.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "parent"), Doc.Portfolio(x + "kid", parentId: x + "parent")]));
        await Api.RefusedWithoutChange(Delete, $"/api/portfolios/{x}parent", null, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_portfolio_PUT_with_a_bad_value_is_400_naming_the_field_and_changes_nothing()
    {
        var x = await Stored();
        await Api.RefusedWithoutChange(Put, $"/api/portfolios/{x}pf", new { budget = -1 }, HttpStatusCode.BadRequest, "budget");
        await Api.RefusedWithoutChange(Put, $"/api/portfolios/{x}pf", new RawJson("""{ "budget": "much" }"""), HttpStatusCode.BadRequest, "budget");
        await Api.RefusedWithoutChange(Put, $"/api/portfolios/{x}pf", new { parentId = x + "nowhere" }, HttpStatusCode.BadRequest, "parentId");
        await Api.RefusedWithoutChange(Put, $"/api/portfolios/{x}new", new { budget = 10 }, HttpStatusCode.BadRequest, "name");
    }

    // ---- size ----

    [Fact]
    public async Task A_command_body_over_the_command_limit_is_413_and_changes_nothing()
    {
        var x = await Stored();
        var reason = new string('x', 100 * 1024);
        await Api.RefusedWithoutChange(Post, $"/api/projects/{x}a/tasks/t1/slip", new { days = 1, reason }, HttpStatusCode.RequestEntityTooLarge);
    }

    private static List<string> AssertCycle(System.Text.Json.JsonElement problem)
    {
        var cycle = problem.Strings("cycle");
        Assert.True(cycle.Count >= 3 && cycle[0] == cycle[^1],
            $"cycle should list the task keys along it, first repeated last: [{string.Join(", ", cycle)}]");
        Assert.All(cycle, key => Assert.Contains('/', key));
        return cycle;
    }
}
