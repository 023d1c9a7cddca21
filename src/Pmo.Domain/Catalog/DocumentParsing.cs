using System.Globalization;

namespace Pmo.Domain.Catalog;

/// <summary>The document's textual forms (ids, dates, week days, link types) and their limits.</summary>
internal static class DocumentParsing
{
    /// <summary>Durations and lags beyond this are data errors, and would overflow day arithmetic.</summary>
    public const int MaxDays = 100_000;

    /// <summary>The trimmed id, or null when it is missing or blank.</summary>
    public static string? Id(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseDay(string? text, out DayOfWeek day) => WeekDays.TryParse(text, out day);

    /// <summary>Missing means FS. Only the four names are accepted (Enum.TryParse would take "1").</summary>
    public static bool TryParseLinkType(string? text, out LinkType type)
    {
        type = LinkType.FS;
        if (text is null) return true;
        switch (text.Trim().ToUpperInvariant())
        {
            case "FS": type = LinkType.FS; return true;
            case "SS": type = LinkType.SS; return true;
            case "FF": type = LinkType.FF; return true;
            case "SF": type = LinkType.SF; return true;
            default: return false;
        }
    }

    public const string LinkTypeMessage = "must be one of FS, SS, FF, SF";
    public const string DateMessage = "must be a date written yyyy-MM-dd";
    public static readonly string LagMessage = $"must be between -{MaxDays} and {MaxDays} working days";

    public static string Key(TaskKey key) => key.ToString();

    public static string Arrow(IEnumerable<string> keys) => string.Join(" -> ", keys);

    public static string Problems(int count) => count == 1 ? "1 problem" : $"{count} problems";
}
