namespace Pmo.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class ResourceLoadTests(HostFixture fixture) : ApiTestBase(fixture)
{
    /// <summary>
    /// Capacity 1. t1 0.6 on Mon 01-04 .. Mon 01-11 (6 days); t2 0.6 on 01-04 .. 01-06; t3 (SS t1 + 4) 0.6 on Fri 01-08 and Mon 01-11.
    /// Load 1.2 on 01-04, 01-05, 01-06; 0.6 on 01-07; 1.2 on 01-08 and 01-11 (one run over the weekend); 0 after.
    /// </summary>
    private async Task<string> Loaded()
    {
        var x = Doc.Prefix("load");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf")],
            resources: [Doc.Resource(x + "r", capacity: 1)],
            projects:
            [
                Doc.Project(x + "p", x + "pf",
                [
                    Doc.Task("t1", 6, assignments: [Doc.Assign(x + "r", 0.6m)]),
                    Doc.Task("t2", 3, assignments: [Doc.Assign(x + "r", 0.6m)]),
                    Doc.Task("t3", 2, assignments: [Doc.Assign(x + "r", 0.6m)]),
                ], links: [Doc.Link("t1", "t3", "SS", 4)]),
            ]));
        return x;
    }

    [Fact]
    public async Task The_load_lists_every_working_day_of_the_range_zero_load_days_included_and_the_overallocated_runs()
    {
        var x = await Loaded();
        var load = await Api.Get($"/api/resources/{x}r/load?from=2027-01-02&to=2027-01-17");

        Assert.Equal(1m, load.Dec("capacity"));
        var days = load.Arr("days").Select(d => (d.Str("date"), d.Dec("load"))).ToArray();
        (string, decimal)[] expected =
        [
            ("2027-01-04", 1.2m), ("2027-01-05", 1.2m), ("2027-01-06", 1.2m), ("2027-01-07", 0.6m), ("2027-01-08", 1.2m),
            ("2027-01-11", 1.2m), ("2027-01-12", 0m), ("2027-01-13", 0m), ("2027-01-14", 0m), ("2027-01-15", 0m),
        ];
        Assert.Equal(expected, days);
        Assert.Equal([x + "p"], load.Arr("days")[0].Strings("projects"));
        Assert.Empty(load.Arr("days")[^1].Strings("projects"));

        var runs = load.Arr("overallocated").Select(r => (r.Str("from"), r.Str("to"), r.Dec("peak"))).ToArray();
        Assert.Equal([("2027-01-04", "2027-01-06", 1.2m), ("2027-01-08", "2027-01-11", 1.2m)], runs);
    }

    [Fact]
    public async Task Without_from_and_to_the_load_spans_the_resource_assignments()
    {
        var x = await Loaded();
        var load = await Api.Get($"/api/resources/{x}r/load");
        var dates = load.Arr("days").Select(d => d.Str("date")).ToArray();
        Assert.Equal(["2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08", "2027-01-11"], dates);
    }

    [Fact]
    public async Task Overallocated_runs_cover_the_whole_schedule_whatever_range_is_asked()
    {
        var x = await Loaded();
        var load = await Api.Get($"/api/resources/{x}r/load?from=2027-01-12&to=2027-01-13");
        Assert.Equal(["2027-01-12", "2027-01-13"], load.Arr("days").Select(d => d.Str("date")).ToArray());
        Assert.Equal(2, load.Arr("overallocated").Count);
    }

    [Fact]
    public async Task An_overallocated_resource_raises_a_ResourceConflict_in_its_scope()
    {
        var x = await Loaded();
        var items = (await Api.Alerts($"?scope=resource:{x}r")).Arr("items");
        Assert.Contains(items, i => i.Str("kind") == "ResourceConflict" && i.Str("subject") == $"resource:{x}r" && i.Str("state") == "raised");
    }

    [Theory]
    [InlineData("from=2027-1-4", "from")]
    [InlineData("to=tomorrow", "to")]
    [InlineData("from=2027-01-10&to=2027-01-04", "to")]
    public async Task A_malformed_load_range_is_refused_with_400_naming_the_parameter(string query, string field)
    {
        var x = await Loaded();
        using var response = await Api.Send(HttpMethod.Get, $"/api/resources/{x}r/load?{query}");
        await Api.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_load_of_an_unknown_resource_is_404()
    {
        using var response = await Api.Send(HttpMethod.Get, $"/api/resources/{Doc.Prefix("nobody")}r/load");
        await Api.AssertProblem(response, HttpStatusCode.NotFound);
    }
}
