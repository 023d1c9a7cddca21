using System.Globalization;

namespace Pmo.Dashboard.Components;

/// <summary>How figures read on screen: money short (1.25M, 480k), indices to two places, ISO dates.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Money(decimal value) => Math.Abs(value) switch
    {
        >= 1_000_000m => (value / 1_000_000m).ToString("0.##", Invariant) + "M",
        >= 10_000m => (value / 1_000m).ToString("0", Invariant) + "k",
        _ => value.ToString("0", Invariant),
    };

    public static string Index(decimal value) => value.ToString("0.00", Invariant);

    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", Invariant) ?? "—";

    public static string Days(int days) => days switch
    {
        0 => "on baseline",
        > 0 => $"+{days.ToString(Invariant)} d",
        _ => $"{days.ToString(Invariant)} d",
    };

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("HH:mm:ss", Invariant);

    /// <summary>The dashboard page that shows an alert's subject (project:, task:, resource:, portfolio:).</summary>
    public static string SubjectLink(string subject)
    {
        var colon = subject.IndexOf(':');
        if (colon < 0) return "alerts";
        var (kind, id) = (subject[..colon], subject[(colon + 1)..]);
        return kind switch
        {
            "project" => $"projects/{Uri.EscapeDataString(id)}",
            "task" => $"projects/{Uri.EscapeDataString(id.Split('/')[0])}",
            "resource" => $"resources?resource={Uri.EscapeDataString(id)}",
            "portfolio" => $"?portfolio={Uri.EscapeDataString(id)}",
            _ => "alerts",
        };
    }
}
