namespace Pmo.Domain.Scheduling;

/// <summary>
/// The dates the service schedules within. Durations and lags are bounded one by one, but a long
/// enough network could still run past the last date .NET can represent; a change that would take
/// a schedule past <see cref="Latest"/> is refused up front rather than failing half applied.
/// The margin to 9999-12-31 leaves room for cross-project links to push a project further.
/// </summary>
public static class ScheduleHorizon
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly LatestStart = new(2999, 12, 31);
    public static readonly DateOnly Latest = new(5000, 12, 31);

    /// <summary>The end of the project's own schedule (no other projects) when it passes <see cref="Latest"/>; otherwise null.</summary>
    public static DateOnly? Exceeded(WorkCalendar calendar, DateOnly start, IReadOnlyList<TaskDefinition> tasks, IReadOnlyList<NetworkLink> links)
    {
        if (tasks.Count == 0) return null;
        ProjectSchedule schedule;
        try
        {
            schedule = CriticalPath.ScheduleProject(calendar.DayNumber(start), [.. tasks.Select(t => new NetworkTask(t.Id, t.Duration))], links, [], []);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return null; // a cycle or a duplicate: reported by the validator's own checks
        }
        var limit = calendar.DayNumber(Latest);
        var earliest = schedule.Tasks.Values.Min(t => t.EarlyStart);
        if (schedule.FinishDay <= limit && earliest >= calendar.DayNumber(Earliest)) return null;
        return schedule.FinishDay > limit ? SafeDate(calendar, schedule.FinishDay) : Earliest;
    }

    /// <summary>Whether every task of a computed schedule falls within the horizon.</summary>
    public static bool Within(WorkCalendar calendar, ProjectSchedule schedule) =>
        schedule.FinishDay <= calendar.DayNumber(Latest) && schedule.Tasks.Values.All(t => t.EarlyStart >= calendar.DayNumber(Earliest));

    private static DateOnly SafeDate(WorkCalendar calendar, int day)
    {
        try { return calendar.DateOf(day); }
        catch (ArgumentOutOfRangeException) { return DateOnly.MaxValue; }
    }
}
