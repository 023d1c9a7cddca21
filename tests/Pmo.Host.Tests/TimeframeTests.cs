namespace Pmo.Host.Tests;

/// <summary>Calendars and the status date, on a host of their own: each import here replaces both enterprise-wide.</summary>
[Collection(TimeframeHostCollection.Name)]
public sealed class TimeframeTests(TimeframeHostFixture fixture) : ApiTestBase(fixture)
{
    private static object WithTimeframe(object calendar, string statusDate, string x, string start = "2027-01-04") => new
    {
        calendar,
        statusDate,
        portfolios = new[] { Doc.Portfolio(x + "pf") },
        resources = new[] { Doc.Resource(x + "r", capacity: 1, costRate: 100) },
        projects = new[]
        {
            Doc.Project(x + "p", x + "pf", [Doc.Task("t1", 5, fixedCost: 1000, assignments: [Doc.Assign(x + "r", 1)]), Doc.Task("m1", 0)],
                links: [Doc.Link("t1", "m1")], start: start),
        },
    };

    private static readonly object SevenDays = new { workingDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }, holidays = Array.Empty<string>() };

    [Fact]
    public async Task Holidays_are_skipped_by_the_schedule_and_by_the_load()
    {
        var x = Doc.Prefix("holiday");
        await Api.Import(WithTimeframe(new { workingDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri" }, holidays = new[] { "2027-01-06" } }, "2026-12-01", x));

        var project = await Api.Project(x + "p");
        Assert.Equal(("2027-01-11", "2027-01-12"), (project.Arr("tasks")[0].Str("earlyFinish"), project.Str("finish")));
        var days = (await Api.Get($"/api/resources/{x}r/load?from=2027-01-04&to=2027-01-12")).Arr("days").Select(d => d.Str("date"));
        Assert.Equal(["2027-01-04", "2027-01-05", "2027-01-07", "2027-01-08", "2027-01-11", "2027-01-12"], days);
    }

    [Fact]
    public async Task With_all_seven_days_working_a_milestone_after_a_Friday_finish_falls_on_Saturday()
    {
        var x = Doc.Prefix("seven");
        await Api.Import(WithTimeframe(SevenDays, "2026-12-01", x));
        var project = await Api.Project(x + "p");
        Assert.Equal(("2027-01-08", "2027-01-09"), (project.Arr("tasks")[0].Str("earlyFinish"), project.Str("finish")));
    }

    [Fact]
    public async Task A_start_on_a_non_working_day_maps_to_the_next_working_day()
    {
        var x = Doc.Prefix("weekend");
        await Api.Import(WithTimeframe(Doc.WorkWeek, "2026-12-01", x, start: "2027-01-02"));
        var t1 = await Api.TaskOf(x + "p", "t1");
        Assert.Equal(("2027-01-04", "2027-01-08"), (t1.Str("earlyStart"), t1.Str("earlyFinish")));
    }

    [Fact]
    public async Task Planned_value_counts_the_baseline_days_up_to_and_including_the_status_date()
    {
        var x = Doc.Prefix("pv");
        await Api.Import(WithTimeframe(Doc.WorkWeek, "2027-01-06", x));

        // t1 costs 1000 + 1 x 100 x 5 = 1500 over Mon 01-04 .. Fri 01-08; by the end of Wed 01-06 the baseline planned 3/5.
        var project = await Api.Project(x + "p");
        Assert.Equal((900m, 0m, 0m), (project.Dec("pv"), project.Dec("ev"), project.Dec("spi")));
        Assert.Equal("red", project.Str("health"));

        await Api.Command(HttpMethod.Post, $"/api/projects/{x}p/tasks/t1/progress", new { percentComplete = 60, actualCost = 900 });
        project = await Api.Project(x + "p");
        Assert.Equal((900m, 900m, 1m, 1m), (project.Dec("pv"), project.Dec("ev"), project.Dec("spi"), project.Dec("cpi")));
        var portfolio = await Api.Portfolio(x + "pf");
        Assert.Equal((900m, 1m, 1m), (portfolio.Dec("pv"), portfolio.Dec("spi"), portfolio.Dec("cpi")));
    }

    [Fact]
    public async Task Changing_the_calendar_keeps_planned_value_on_the_baseline_dates()
    {
        var x = Doc.Prefix("pvcal");
        await Api.Import(WithTimeframe(Doc.WorkWeek, "2027-01-06", x));
        Assert.Equal(900m, (await Api.Project(x + "p")).Dec("pv"));

        // Seven working days a week: t1 still runs Mon 01-04 .. Fri 01-08 (5 days) and the baseline is still those
        // 5 days, 3 of which are done by the end of the status date 01-06. PV must stay 900.
        await Api.Import(new { calendar = SevenDays });
        var project = await Api.Project(x + "p");
        // The baseline finish stays the date it was (the milestone on Monday 01-11); the milestone now falls on Saturday.
        Assert.Equal(("2027-01-08", "2027-01-09", "2027-01-11"),
            (project.Arr("tasks")[0].Str("earlyFinish"), project.Str("finish"), project.Str("baselineFinish")));
        Assert.Equal(900m, project.Dec("pv"));
    }

    [Fact]
    public async Task A_resource_over_allocated_only_before_the_status_date_raises_no_ResourceConflict()
    {
        var x = Doc.Prefix("past");
        await Api.Import(WithTimeframe(Doc.WorkWeek, "2027-02-01", x));
        await Api.Command(HttpMethod.Post, $"/api/projects/{x}p/assignments", new { taskId = "t1", resourceId = x + "r", units = 3 });

        var load = await Api.Get($"/api/resources/{x}r/load");
        Assert.Single(load.Arr("overallocated"));
        Assert.DoesNotContain((await Api.Alerts($"?scope=resource:{x}r")).Arr("items"), i => i.Str("kind") == "ResourceConflict");
    }
}
