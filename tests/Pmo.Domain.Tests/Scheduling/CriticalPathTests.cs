using Pmo.Domain.Calendar;

namespace Pmo.Domain.Tests.Scheduling;

public sealed class CriticalPathTests
{
    private static NetworkTask T(string id, int duration) => new(id, duration);

    private static NetworkLink L(string from, string to, LinkType type = LinkType.FS, int lag = 0) =>
        new() { From = from, To = to, Type = type, Lag = lag };

    private static ProjectSchedule Schedule(int startDay, NetworkTask[] tasks, params NetworkLink[] links) =>
        CriticalPath.ScheduleProject(startDay, tasks, links, [], []);

    /// <summary>Mon–Fri, no holidays: the calendar the date-based tests schedule on.</summary>
    private static readonly WorkCalendar Week = WorkCalendar.Default;

    /// <summary>A project starting on <paramref name="start"/> on <see cref="Week"/>.</summary>
    private static ProjectSchedule ScheduleFrom(DateOnly start, NetworkTask[] tasks, params NetworkLink[] links) =>
        Schedule(Week.DayNumber(start), tasks, links);

    private static void AssertDates(TaskDates dates, int es, int ef, int ls, int lf)
    {
        Assert.Equal(new TaskDates(es, ef, ls, lf), dates);
    }

    // Each link type once with a positive and once with a negative lag. "Lead" is a 4-day task
    // in front of the predecessor so that negative lags are not hidden by the project start.
    [Theory]
    // FS: ES(b) >= EF(a) + lag. a: 4..7 (EF 7).
    [InlineData(LinkType.FS, 2, 9, 2)]
    [InlineData(LinkType.FS, -3, 4, 2)]
    // SS: ES(b) >= ES(a) + lag. ES(a) = 4.
    [InlineData(LinkType.SS, 2, 6, 2)]
    [InlineData(LinkType.SS, -3, 1, 2)]
    // FF: EF(b) >= EF(a) + lag, b lasting 5. EF(a) = 7.
    [InlineData(LinkType.FF, 2, 4, 5)]
    [InlineData(LinkType.FF, -1, 1, 5)]
    // SF: EF(b) >= ES(a) + lag, b lasting 2. ES(a) = 4.
    [InlineData(LinkType.SF, 3, 5, 2)]
    [InlineData(LinkType.SF, -1, 1, 2)]
    public void Link_type_and_lag_set_the_successor_early_start(LinkType type, int lag, int expectedStart, int successorDuration)
    {
        var schedule = Schedule(0,
            [T("lead", 4), T("a", 3), T("b", successorDuration)],
            L("lead", "a"), L("a", "b", type, lag));

        Assert.Equal(4, schedule.Tasks["a"].EarlyStart);
        Assert.Equal(expectedStart, schedule.Tasks["b"].EarlyStart);
        Assert.Equal(expectedStart + successorDuration, schedule.Tasks["b"].EarlyFinish);
    }

    [Theory]
    // A successor b (duration 2) pinned late by a 10-day parallel chain: finish is 10, so LF(b)=10, LS(b)=8.
    // The predecessor a lasts 3; its LF follows from the link to b.
    [InlineData(LinkType.FS, 2, 6)]   // LF(a) <= LS(b) - lag = 6
    [InlineData(LinkType.FS, -2, 10)] // 8 + 2 = 10, capped by the project finish 10
    [InlineData(LinkType.SS, 2, 9)]   // LS(a) <= LS(b) - lag = 6 → LF 9
    [InlineData(LinkType.SS, -1, 10)] // LS(a) <= 9 → LF 12, capped at 10
    [InlineData(LinkType.FF, 3, 7)]   // LF(a) <= LF(b) - lag = 7
    [InlineData(LinkType.FF, -2, 10)] // 12 capped at 10
    [InlineData(LinkType.SF, 4, 9)]   // LS(a) <= LF(b) - lag = 6 → LF 9
    [InlineData(LinkType.SF, -1, 10)] // LS(a) <= 11 → LF 14, capped at 10
    public void Link_type_and_lag_set_the_predecessor_late_finish(LinkType type, int lag, int expectedLateFinish)
    {
        var schedule = Schedule(0,
            [T("a", 3), T("b", 2), T("long", 10)],
            L("a", "b", type, lag));

        Assert.Equal(10, schedule.FinishDay);
        Assert.Equal(10, schedule.Tasks["b"].LateFinish);
        Assert.Equal(expectedLateFinish, schedule.Tasks["a"].LateFinish);
        Assert.Equal(expectedLateFinish - 3, schedule.Tasks["a"].LateStart);
    }

    [Fact]
    public void Negative_lag_crossing_a_weekend_starts_successor_on_friday()
    {
        var schedule = ScheduleFrom(new DateOnly(2024, 3, 6), // a Wednesday
            [T("a", 3), T("b", 1)],
            L("a", "b", LinkType.FS, -1));

        // a works Wed, Thu, Fri; EF is Monday's number, and one day back over the weekend is Friday.
        Assert.Equal(new DateOnly(2024, 3, 11), Week.DateOf(schedule.Tasks["a"].EarlyFinish));
        Assert.Equal(new DateOnly(2024, 3, 8), Week.DateOf(schedule.Tasks["b"].EarlyStart));
    }

    [Fact]
    public void Milestone_after_a_task_ending_friday_falls_on_monday()
    {
        var schedule = ScheduleFrom(new DateOnly(2024, 3, 4), // a Monday
            [T("build", 5), T("done", 0)],
            L("build", "done"));

        var build = schedule.Tasks["build"];
        var done = schedule.Tasks["done"];
        Assert.Equal(done.EarlyStart, done.EarlyFinish);
        Assert.Equal(build.EarlyFinish, done.EarlyStart);
        // Reported finish of a task is the date of EF-1; of a milestone, the date of ES.
        Assert.Equal(new DateOnly(2024, 3, 8), Week.DateOf(build.EarlyFinish - 1));
        Assert.Equal(new DateOnly(2024, 3, 11), Week.DateOf(done.EarlyStart));
        Assert.Equal(build.EarlyFinish, schedule.FinishDay);
    }

    [Fact]
    public void Tasks_do_not_start_before_the_project_start_even_with_a_negative_lag()
    {
        var schedule = Schedule(20,
            [T("a", 3), T("b", 4), T("c", 2)],
            L("a", "b", LinkType.SS, -5), L("a", "c", LinkType.FF, -10));

        Assert.Equal(20, schedule.Tasks["a"].EarlyStart);
        Assert.Equal(20, schedule.Tasks["b"].EarlyStart);
        Assert.Equal(20, schedule.Tasks["c"].EarlyStart);
    }

    [Fact]
    public void Project_starting_on_a_saturday_starts_its_tasks_on_monday()
    {
        var schedule = ScheduleFrom(new DateOnly(2024, 3, 9), [T("a", 2)]);
        Assert.Equal(new DateOnly(2024, 3, 11), Week.DateOf(schedule.Tasks["a"].EarlyStart));
    }

    [Fact]
    public void Textbook_network_has_hand_computed_dates_float_and_critical_path()
    {
        //   A(3) ─┬─ C(1) ─┐
        //         └─ D(5) ─┼─ F(4)
        //   B(4) ──────── E(3) (after B and C) ─┘
        var schedule = Schedule(0,
            [T("A", 3), T("B", 4), T("C", 1), T("D", 5), T("E", 3), T("F", 4)],
            L("A", "C"), L("A", "D"), L("B", "E"), L("C", "E"), L("D", "F"), L("E", "F"));

        var t = schedule.Tasks;
        AssertDates(t["A"], 0, 3, 0, 3);
        AssertDates(t["B"], 0, 4, 1, 5);
        AssertDates(t["C"], 3, 4, 4, 5);
        AssertDates(t["D"], 3, 8, 3, 8);
        AssertDates(t["E"], 4, 7, 5, 8);
        AssertDates(t["F"], 8, 12, 8, 12);
        Assert.Equal(12, schedule.FinishDay);

        Assert.Equal([0, 1, 1, 0, 1, 0], new[] { "A", "B", "C", "D", "E", "F" }.Select(id => t[id].TotalFloat));
        Assert.Equal(["A", "D", "F"], t.Where(kv => kv.Value.Critical).Select(kv => kv.Key).Order());
    }

    [Fact]
    public void Overlapping_links_network_has_hand_computed_dates()
    {
        // A(4) -SS+2-> B(6) -FF+1-> C(3) -FS-> D(2)
        var schedule = Schedule(0,
            [T("A", 4), T("B", 6), T("C", 3), T("D", 2)],
            L("A", "B", LinkType.SS, 2), L("B", "C", LinkType.FF, 1), L("C", "D"));

        var t = schedule.Tasks;
        AssertDates(t["A"], 0, 4, 0, 4);
        AssertDates(t["B"], 2, 8, 2, 8);
        AssertDates(t["C"], 6, 9, 6, 9);
        AssertDates(t["D"], 9, 11, 9, 11);
        Assert.All(t.Values, d => Assert.True(d.Critical));
    }

    [Fact]
    public void Late_finish_of_a_task_without_successors_is_the_project_finish()
    {
        var schedule = Schedule(5, [T("short", 2), T("long", 10)]);
        Assert.Equal(15, schedule.FinishDay);
        AssertDates(schedule.Tasks["short"], 5, 7, 13, 15);
        Assert.Equal(8, schedule.Tasks["short"].TotalFloat);
        Assert.False(schedule.Tasks["short"].Critical);
        Assert.True(schedule.Tasks["long"].Critical);
    }

    [Fact]
    public void Empty_project_finishes_on_its_start_day()
    {
        var schedule = Schedule(42, []);
        Assert.Equal(42, schedule.FinishDay);
        Assert.Empty(schedule.Tasks);
    }

    [Fact]
    public void Boundary_predecessor_pushes_the_task_and_boundary_successor_pulls_its_late_dates()
    {
        var schedule = CriticalPath.ScheduleProject(0,
            [T("a", 3), T("b", 2)],
            [L("a", "b")],
            [new BoundaryPredecessor { ToTask = "a", Type = LinkType.FS, Lag = 1, PredecessorEarlyStart = 2, PredecessorEarlyFinish = 6 }],
            [new BoundarySuccessor { FromTask = "a", Type = LinkType.SS, Lag = 0, SuccessorLateStart = 7, SuccessorLateFinish = 9 }]);

        // ES(a) = 6 + 1; finish = 7 + 3 + 2 = 12; LS(a) <= 7 from the outside successor.
        AssertDates(schedule.Tasks["a"], 7, 10, 7, 10);
        AssertDates(schedule.Tasks["b"], 10, 12, 10, 12);
        Assert.Equal(12, schedule.FinishDay);
    }

    [Fact]
    public void Boundary_entries_naming_unknown_tasks_are_ignored()
    {
        var schedule = CriticalPath.ScheduleProject(0,
            [T("a", 3)],
            [],
            [new BoundaryPredecessor { ToTask = "gone", PredecessorEarlyStart = 50, PredecessorEarlyFinish = 60 }],
            [new BoundarySuccessor { FromTask = "gone", SuccessorLateStart = -50, SuccessorLateFinish = -40 }]);

        AssertDates(schedule.Tasks["a"], 0, 3, 0, 3);
    }

    [Fact]
    public void Cross_project_link_delays_the_successor_project_in_schedule_all()
    {
        var projects = new[]
        {
            new ProjectNetwork { ProjectId = "P1", StartDay = 0, Tasks = [T("design", 5)], Links = [] },
            new ProjectNetwork { ProjectId = "P2", StartDay = 0, Tasks = [T("build", 3), T("test", 2)], Links = [L("build", "test")] },
        };
        var dates = CriticalPath.ScheduleAll(projects,
            [new CrossNetworkLink(new TaskKey("P1", "design"), new TaskKey("P2", "build"), LinkType.FS, 2)]);

        AssertDates(dates[new TaskKey("P1", "design")], 0, 5, 0, 5);
        AssertDates(dates[new TaskKey("P2", "build")], 7, 10, 7, 10);
        AssertDates(dates[new TaskKey("P2", "test")], 10, 12, 10, 12);
    }

    [Fact]
    public void Late_finish_is_bound_by_its_own_project_finish_not_by_the_linked_project()
    {
        var projects = new[]
        {
            new ProjectNetwork { ProjectId = "P1", StartDay = 0, Tasks = [T("x", 2), T("x2", 5)], Links = [] },
            new ProjectNetwork { ProjectId = "P2", StartDay = 0, Tasks = [T("y", 10), T("z", 1)], Links = [L("y", "z")] },
        };
        var dates = CriticalPath.ScheduleAll(projects,
            [new CrossNetworkLink(new TaskKey("P1", "x"), new TaskKey("P2", "z"), LinkType.FS, 0)]);

        // The link alone would allow LF(x) = LS(z) = 10; P1 finishes on day 5.
        AssertDates(dates[new TaskKey("P1", "x")], 0, 2, 3, 5);
        AssertDates(dates[new TaskKey("P2", "z")], 10, 11, 10, 11);
    }

    [Fact]
    public void Cycle_is_refused_naming_a_task_on_it_not_one_downstream()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Schedule(0,
            [T("head", 1), T("loop1", 1), T("loop2", 1), T("tail", 1), T("tail2", 1)],
            L("head", "loop1"), L("loop1", "loop2"), L("loop2", "loop1"), L("loop2", "tail"), L("tail", "tail2")));

        Assert.Matches("'loop[12]'", ex.Message);
    }

    [Fact]
    public void Self_link_is_a_cycle()
    {
        Assert.Throws<InvalidOperationException>(() => Schedule(0, [T("a", 1)], L("a", "a")));
    }

    [Fact]
    public void Cross_project_cycle_is_refused_by_schedule_all_with_the_task_key()
    {
        var projects = new[]
        {
            new ProjectNetwork { ProjectId = "P1", StartDay = 0, Tasks = [T("a", 1)], Links = [] },
            new ProjectNetwork { ProjectId = "P2", StartDay = 0, Tasks = [T("b", 1)], Links = [] },
        };
        var ex = Assert.Throws<InvalidOperationException>(() => CriticalPath.ScheduleAll(projects,
        [
            new CrossNetworkLink(new TaskKey("P1", "a"), new TaskKey("P2", "b"), LinkType.FS, 0),
            new CrossNetworkLink(new TaskKey("P2", "b"), new TaskKey("P1", "a"), LinkType.SS, 0),
        ]));
        Assert.Matches("'(P1/a|P2/b)'", ex.Message);
    }

    [Fact]
    public void Duplicate_task_ids_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Schedule(0, [T("a", 1), T("a", 2)]));
    }
}
