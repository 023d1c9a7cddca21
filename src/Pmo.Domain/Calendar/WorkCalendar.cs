namespace Pmo.Domain.Calendar;

/// <summary>
/// The portfolio's working-day calendar. Every working day gets the next integer
/// (its "day number"); scheduling is done in day numbers and only turned back into
/// dates for display. A date that is not a working day maps to the next working day.
/// </summary>
public sealed class WorkCalendar
{
    // Implementation note (for the implementer): day numbers are counted from a fixed
    // epoch so that numbers stay stable when holidays far in the future change; a lazily
    // grown lookup table keeps DayNumber/DateOf O(1).

    public static WorkCalendar Default { get; } = new(CalendarSpec.Default);

    public WorkCalendar(CalendarSpec spec) => throw new NotImplementedException();

    public CalendarSpec Spec => throw new NotImplementedException();

    public bool IsWorkingDay(DateOnly date) => throw new NotImplementedException();

    /// <summary>Working-day number of <paramref name="date"/>; a non-working date maps to the next working day.</summary>
    public int DayNumber(DateOnly date) => throw new NotImplementedException();

    /// <summary>The date of working day <paramref name="dayNumber"/>.</summary>
    public DateOnly DateOf(int dayNumber) => throw new NotImplementedException();

    /// <summary>Number of working days with date &lt;= <paramref name="date"/>, as a day number bound:
    /// the largest day number whose date is on or before <paramref name="date"/>.</summary>
    public int LastDayOnOrBefore(DateOnly date) => throw new NotImplementedException();
}
