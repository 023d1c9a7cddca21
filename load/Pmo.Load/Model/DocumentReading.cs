using System.Globalization;
using Pmo.Domain.Calendar;
using Pmo.Domain.Documents;
using Pmo.Domain.Scheduling;

namespace Pmo.Load.Model;

/// <summary>The textual forms of the portfolio document (dates, week days, link types), read the way CONTRACT.md writes them.</summary>
public static class DocumentReading
{
    /// <summary>The document's calendar; Mon–Fri without holidays when it has none (CONTRACT.md).</summary>
    public static WorkCalendar Calendar(CalendarDocument? calendar)
    {
        if (calendar is null) return WorkCalendar.Default;
        var days = calendar.WorkingDays is { Count: > 0 } names
            ? names.Select(n => WeekDays.TryParse(n.Trim(), out var d) ? d : throw new FormatException($"'{n}' is not a day of the week")).Distinct().ToList()
            : [.. CalendarSpec.Default.WorkingDays];
        var holidays = (calendar.Holidays ?? []).Select(Date).ToList();
        return new WorkCalendar(new CalendarSpec { WorkingDays = days, Holidays = holidays });
    }

    public static DateOnly Date(string? text) =>
        DateOnly.ParseExact(text ?? throw new FormatException("a date is missing"), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static LinkType LinkType(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "FS" => Pmo.Domain.Scheduling.LinkType.FS,
        "SS" => Pmo.Domain.Scheduling.LinkType.SS,
        "FF" => Pmo.Domain.Scheduling.LinkType.FF,
        "SF" => Pmo.Domain.Scheduling.LinkType.SF,
        _ => throw new FormatException($"'{text}' is not a link type"),
    };
}
