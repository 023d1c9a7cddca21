namespace Pmo.Domain.Calendar;

/// <summary>The serialisable description of a calendar, as in the portfolio document.</summary>
public sealed record CalendarSpec
{
    public static CalendarSpec Default { get; } = new()
    {
        WorkingDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        Holidays = [],
    };

    public required IReadOnlyList<DayOfWeek> WorkingDays { get; init; }
    public required IReadOnlyList<DateOnly> Holidays { get; init; }
}
