namespace Pmo.Domain.Calendar;

/// <summary>The names a document may give a day of the week: the three-letter and the full English name, any case.</summary>
public static class WeekDays
{
    private static readonly Dictionary<string, DayOfWeek> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Mon"] = DayOfWeek.Monday, ["Monday"] = DayOfWeek.Monday,
        ["Tue"] = DayOfWeek.Tuesday, ["Tuesday"] = DayOfWeek.Tuesday,
        ["Wed"] = DayOfWeek.Wednesday, ["Wednesday"] = DayOfWeek.Wednesday,
        ["Thu"] = DayOfWeek.Thursday, ["Thursday"] = DayOfWeek.Thursday,
        ["Fri"] = DayOfWeek.Friday, ["Friday"] = DayOfWeek.Friday,
        ["Sat"] = DayOfWeek.Saturday, ["Saturday"] = DayOfWeek.Saturday,
        ["Sun"] = DayOfWeek.Sunday, ["Sunday"] = DayOfWeek.Sunday,
    };

    /// <summary>The day <paramref name="text"/> names, as written (no trimming).</summary>
    public static bool TryParse(string? text, out DayOfWeek day)
    {
        day = default;
        return text is not null && Names.TryGetValue(text, out day);
    }
}
