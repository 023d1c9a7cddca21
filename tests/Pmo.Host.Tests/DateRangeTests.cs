namespace Pmo.Host.Tests;

/// <summary>Schedules that would run past the horizon the service schedules within (ScheduleHorizon: 5000-12-31),
/// kept well inside 9999-12-31, the last date a schedule can report.</summary>
[Collection(DateRangeHostCollection.Name)]
public sealed class DateRangeTests(DateRangeHostFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Import_of_a_project_whose_schedule_would_run_past_the_last_representable_date_is_refused_with_400_and_changes_nothing()
    {
        var x = Doc.Prefix("far");
        await Api.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "pf")]));

        // 300 working days from 9999-12-01 end after 9999-12-31: no date can be reported for them.
        await Api.RefusedWithoutChange(HttpMethod.Post, "/api/import",
            Doc.Document(projects: [Doc.Project(x + "p", x + "pf", [Doc.Task("t1", 300)], start: "9999-12-01")]), HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.NotFound, await Api.StatusOf($"/api/projects/{x}p"));
    }

    [Fact]
    public async Task A_slip_that_would_run_past_the_schedule_horizon_is_refused_with_400_naming_days_and_changes_nothing()
    {
        var x = Doc.Prefix("edge");
        // Ten chained tasks of 52,000 working days (about 2,000 years) from 2999 end just before 5000-12-31.
        var tasks = Enumerable.Range(0, 10).Select(i => Doc.Task($"t{i}", 52_000)).ToArray();
        var links = Enumerable.Range(1, 9).Select(i => Doc.Link($"t{i - 1}", $"t{i}")).ToArray();
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "pf")],
            projects: [Doc.Project(x + "p", x + "pf", tasks, links: links, start: "2999-01-04")]));
        var before = await Api.Project(x + "p");
        Assert.StartsWith("49", before.Str("finish"));

        await Api.RefusedWithoutChange(HttpMethod.Post, $"/api/projects/{x}p/tasks/t9/slip", new { days = 10_000 }, HttpStatusCode.BadRequest, "days");

        Assert.Equal(before.GetRawText(), (await Api.Project(x + "p")).GetRawText());
    }
}
