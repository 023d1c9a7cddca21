using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pmo.Load.Reports;

/// <summary>Writes report.json, report.md and report.html into one folder.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<IReadOnlyList<string>> WriteAsync(string directory, LoadReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await ReportPage.WriteAsync(directory, "report", ToJson(report), Markdown(report), HtmlReport.Render(report), cancellationToken).ConfigureAwait(false);
    }

    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, Json);

    public static string Markdown(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = ReportPage.MarkdownOpen(ReportTables.Title(report), ReportTables.Overview(report), ReportTables.SummaryHeadings, "|---|---:|---:|---:|---:|---|---|---|---|---|");
        foreach (var s in report.Scenarios)
            md.AppendLine($"| {string.Join(" | ", ReportTables.Summary(s).Select(Cell))} |");
        foreach (var s in report.Scenarios)
        {
            md.AppendLine();
            md.AppendLine($"### {s.Name}");
            md.AppendLine();
            md.AppendLine("| measure | value |");
            md.AppendLine("|---|---|");
            foreach (var measure in ReportTables.Measures(s)) md.AppendLine($"| {measure.Name} | {Cell(measure)} |");
            if (!s.Reconciliation.Ok)
            {
                md.AppendLine();
                foreach (var problem in s.Reconciliation.Problems.Take(20)) md.AppendLine($"- {Escape(problem)}");
                if (s.Reconciliation.ProblemCount > 20) md.AppendLine(Inv($"- … {s.Reconciliation.ProblemCount - 20} more in report.json"));
            }
        }
        return md.ToString();
    }

    private static string Cell(Measure measure) => measure.Alarm ? $"**{Escape(measure.Value)}**" : Escape(measure.Value);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    internal static string Four(Percentiles p) => p.Count == 0 ? "–" : $"{Ms(p.P50)} / {Ms(p.P95)} / {Ms(p.P99)} / {Ms(p.Max)}";

    internal static string Ms(double? value) => value is { } v ? v.ToString(v >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture) : "–";

    internal static string Problems(int count) => count == 1 ? "1 problem" : $"{count.ToString(CultureInfo.InvariantCulture)} problems";

    internal static string Num(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "–";

    internal static string Gib(long? bytes) => bytes is { } b ? (b / 1073741824.0).ToString("0.0", CultureInfo.InvariantCulture) : "?";
}
