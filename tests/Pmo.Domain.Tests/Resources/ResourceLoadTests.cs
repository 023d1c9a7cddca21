using System.Diagnostics;
using Pmo.Domain.Resources;

namespace Pmo.Domain.Tests.Resources;

public sealed class ResourceLoadTests
{
    private static LoadSegment Segment(string project, int start, int end, decimal units, string task = "t") =>
        new(project, task, start, end, units);

    private static void AssertDay(DayLoad day, int number, decimal load, params string[] projects)
    {
        Assert.Equal(number, day.Day);
        Assert.Equal(load, day.Load);
        Assert.Equal(projects, day.Projects);
    }

    [Fact]
    public void Overlapping_segments_add_up_on_the_days_they_share()
    {
        LoadSegment[] segments = [Segment("p1", 0, 5, 0.5m), Segment("p2", 3, 8, 0.75m)];

        var days = ResourceLoad.Daily(segments, 0, 9);

        Assert.Equal(Enumerable.Range(0, 10), days.Select(d => d.Day));
        for (var d = 0; d <= 2; d++) AssertDay(days[d], d, 0.5m, "p1");
        for (var d = 3; d <= 4; d++) AssertDay(days[d], d, 1.25m, "p1", "p2");
        for (var d = 5; d <= 7; d++) AssertDay(days[d], d, 0.75m, "p2");
        for (var d = 8; d <= 9; d++) AssertDay(days[d], d, 0m);
    }

    [Fact]
    public void Zero_load_days_between_assignments_are_listed()
    {
        LoadSegment[] segments = [Segment("p1", 10, 12, 1m), Segment("p1", 15, 16, 1m)];

        var days = ResourceLoad.Daily(segments, 10, 15);

        Assert.Equal([1m, 1m, 0m, 0m, 0m, 1m], days.Select(d => d.Load));
        Assert.Empty(days[2].Projects);
    }

    [Fact]
    public void Contributing_projects_are_distinct_and_sorted_ordinally()
    {
        LoadSegment[] segments =
        [
            Segment("b", 0, 3, 0.1m, "t1"), Segment("b", 0, 3, 0.1m, "t2"),
            Segment("a", 0, 3, 0.1m), Segment("B", 0, 3, 0.1m),
        ];

        var day = Assert.Single(ResourceLoad.Daily(segments, 1, 1));

        AssertDay(day, 1, 0.4m, "B", "a", "b");
    }

    [Fact]
    public void Project_stays_listed_while_any_of_its_tasks_loads_the_day()
    {
        LoadSegment[] segments = [Segment("p1", 0, 2, 0.5m, "t1"), Segment("p1", 1, 4, 0.5m, "t2")];

        var days = ResourceLoad.Daily(segments, 0, 4);

        Assert.Equal([["p1"], ["p1"], ["p1"], ["p1"], []], days.Select(d => d.Projects.ToArray()));
    }

    [Fact]
    public void Days_outside_the_segments_span_are_zero()
    {
        var days = ResourceLoad.Daily([Segment("p1", 100, 200, 1m)], 0, 3);

        Assert.All(days, d => Assert.Equal(0m, d.Load));
        Assert.Equal(4, days.Count);
    }

    [Fact]
    public void Segments_are_clipped_to_the_requested_range()
    {
        var days = ResourceLoad.Daily([Segment("p1", -1_000_000, 1_000_000, 0.5m)], 5, 7);

        Assert.Equal([5, 6, 7], days.Select(d => d.Day));
        Assert.All(days, d => Assert.Equal(0.5m, d.Load));
    }

    [Fact]
    public void Empty_range_lists_no_days()
    {
        Assert.Empty(ResourceLoad.Daily([Segment("p1", 0, 5, 1m)], 5, 4));
    }

    [Fact]
    public void Segments_without_units_or_days_load_nothing()
    {
        LoadSegment[] segments = [Segment("p1", 0, 5, 0m), Segment("p2", 0, 5, -1m), Segment("p3", 3, 3, 1m), Segment("p4", 4, 2, 1m)];

        Assert.All(ResourceLoad.Daily(segments, 0, 5), d => AssertDay(d, d.Day, 0m));
        Assert.Empty(ResourceLoad.Overallocations(0m, segments));
    }

    [Fact]
    public void Load_reads_the_same_however_it_was_summed()
    {
        LoadSegment[] segments = [Segment("p1", 0, 3, 0.50m), Segment("p2", 1, 2, 0.5m), Segment("p3", 2, 3, 0.25m)];

        var days = ResourceLoad.Daily(segments, 0, 3);

        Assert.Equal(["0.5", "1", "0.75", "0"], days.Select(d => d.Load.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Load_at_exactly_capacity_is_not_overallocated()
    {
        LoadSegment[] segments = [Segment("p1", 0, 10, 0.5m), Segment("p2", 0, 10, 0.5m)];

        Assert.Empty(ResourceLoad.Overallocations(1m, segments));
    }

    [Fact]
    public void Load_just_above_capacity_is_overallocated()
    {
        LoadSegment[] segments = [Segment("p1", 0, 10, 0.5m), Segment("p2", 4, 6, 0.5000001m)];

        var run = Assert.Single(ResourceLoad.Overallocations(1m, segments));

        Assert.Equal(new OverallocationRun(4, 5, 1.0000001m), run);
    }

    [Fact]
    public void Runs_break_where_load_drops_to_capacity_and_resume_after()
    {
        LoadSegment[] segments = [Segment("p1", 0, 10, 1m), Segment("p2", 2, 4, 0.5m), Segment("p3", 6, 8, 0.25m)];

        var runs = ResourceLoad.Overallocations(1m, segments);

        Assert.Equal([new OverallocationRun(2, 3, 1.5m), new OverallocationRun(6, 7, 1.25m)], runs);
    }

    [Fact]
    public void Adjacent_overallocated_stretches_form_one_run()
    {
        LoadSegment[] segments = [Segment("p1", 0, 10, 1m), Segment("p2", 2, 4, 0.5m), Segment("p3", 4, 6, 0.75m)];

        var run = Assert.Single(ResourceLoad.Overallocations(1m, segments));

        Assert.Equal(new OverallocationRun(2, 5, 1.75m), run);
    }

    [Fact]
    public void Run_peak_is_the_highest_load_inside_it()
    {
        LoadSegment[] segments = [Segment("p1", 0, 10, 1.5m), Segment("p2", 3, 5, 1m), Segment("p3", 4, 7, 0.25m)];

        var run = Assert.Single(ResourceLoad.Overallocations(1m, segments));

        Assert.Equal(new OverallocationRun(0, 9, 2.75m), run);
    }

    [Fact]
    public void Runs_come_in_day_order_whatever_the_segment_order()
    {
        LoadSegment[] segments = [Segment("p3", 50, 52, 2m), Segment("p1", -10, -8, 3m), Segment("p2", 7, 8, 1.5m)];

        var runs = ResourceLoad.Overallocations(1m, segments);

        Assert.Equal([new OverallocationRun(-10, -9, 3m), new OverallocationRun(7, 7, 1.5m), new OverallocationRun(50, 51, 2m)], runs);
    }

    [Fact]
    public void Idle_gap_ends_a_run_even_at_zero_capacity()
    {
        LoadSegment[] segments = [Segment("p1", 0, 2, 0.1m), Segment("p1", 3, 4, 0.1m)];

        var runs = ResourceLoad.Overallocations(0m, segments);

        Assert.Equal([new OverallocationRun(0, 1, 0.1m), new OverallocationRun(3, 3, 0.1m)], runs);
    }

    [Fact]
    public void Cost_follows_segment_count_not_span_length()
    {
        var segments = Enumerable.Range(0, 2_000)
            .Select(i => Segment($"p{i % 7}", i * 1_000, 1_500_000_000 + i, 0.001m))
            .Append(Segment("big", 0, 2_000_000_000, 1m))
            .ToList();
        var clock = Stopwatch.StartNew();

        var runs = ResourceLoad.Overallocations(1m, segments);
        var days = ResourceLoad.Daily(segments, 1_000_000_000, 1_000_000_009);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(new OverallocationRun(0, 1_500_001_998, 3m), Assert.Single(runs));
        Assert.All(days, d => Assert.Equal(3m, d.Load));
        Assert.Equal(8, days[0].Projects.Count);
    }
}
