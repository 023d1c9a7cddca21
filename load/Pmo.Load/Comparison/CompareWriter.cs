using System.Text.Json;
using Spectre.Console;

using static Pmo.Load.Reports.ReportPage;

namespace Pmo.Load.Comparison;

/// <summary>
/// Writes compare.json, compare.md and compare.html: one table, a row per measure and scenario,
/// columns in-memory | PostgreSQL | ratio. Each format renders the rows' own text; none reads another.
/// </summary>
public static class CompareWriter
{
    public static IReadOnlyList<string> Headings { get; } = ["scenario", "measure", CompareRows.InMemoryName, CompareRows.PostgreSqlName, "ratio"];

    public static async Task<IReadOnlyList<string>> WriteAsync(string directory, CompareReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await ReportPage.WriteAsync(directory, "compare", ToJson(report), Markdown(report), Html(report), cancellationToken).ConfigureAwait(false);
    }

    public static string ToJson(CompareReport report) => JsonSerializer.Serialize(report, ReportWriter.Json);

    /// <summary>The same for every comparison; it takes the report to read like <see cref="ReportTables.Title"/>.</summary>
    public static string Title(CompareReport report) =>
        $"{CompareRows.InMemoryName} vs {CompareRows.PostgreSqlName}: the same workload on both back ends";

    public static string Overview(CompareReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var doc = report.Document;
        var settings = report.Settings;
        return Inv($"{doc.Source}: {doc.Projects} projects, {doc.Tasks} tasks, {doc.CrossLinks} cross links. ") +
               Inv($"Offered rate {settings.Rate}/s (0: closed loop), {settings.Concurrency} in flight, {settings.DurationSeconds} s per scenario, {settings.Clients} SignalR clients in mixed, drive seed {settings.Seed} (which commands go to which tasks; a generated document names its own seed). ") +
               Inv($"Machine: {report.Machine.Cores} cores, {ReportWriter.Gib(report.Machine.MemoryBytes)} GiB. A fresh host per back end (and a fresh database); ratio is PostgreSQL / in-memory. ") +
               (report.Rounds > 1
                   ? Inv($"{report.Rounds} rounds, alternating which back end goes first; each cell is the median over the rounds, their range in brackets, and the ratio is of the medians. ") +
                     Inv($"Each run's own report is in round-1/ … round-{report.Rounds}/, in-memory/ and postgresql/ (modes ") +
                     string.Join(" and ", report.Backends.Take(2).Select(b => b.Mode)) + ")."
                   : "Each back end's own report: " + string.Join(", ", report.Backends.Select(b => $"{b.Name} in {b.ReportFolder}/ (mode {b.Mode})")) + ".");
    }

    /// <summary>The back ends (and, over several rounds, which round) whose reconciliation failed.</summary>
    public static string FailedOn(CompareReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Join(" and ", report.Backends.Where(b => !b.Ok).Select(b => report.Rounds > 1 ? Inv($"{b.Name} (round {b.Round})") : b.Name));
    }

    /// <summary>With more than one round, each scenario's accepted/s ratio round by round: one line per scenario.</summary>
    public static IReadOnlyList<string> RoundLines(CompareReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Rounds <= 1) return [];
        return [.. report.AcceptedRatios.Select(r =>
            $"{r.Scenario}: accepted/s {CompareRows.PostgreSqlName} / {CompareRows.InMemoryName} by round " +
            string.Join(", ", r.Ratios.Select(x => x is { } v ? Inv($"{v:0.00}×") : "–")) +
            (r.Median is { } m ? Inv($"; median {m:0.00}×") : ""))];
    }

    /// <summary>A row's cells in <see cref="Headings"/> order.</summary>
    public static IReadOnlyList<string> Cells(CompareRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return [row.Scenario, row.Measure, row.InMemory.Text, row.PostgreSql.Text, row.Ratio is { } r ? Inv($"{r:0.00}×") : "–"];
    }

    public static string Markdown(CompareReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = ReportPage.MarkdownOpen(Title(report), Overview(report), Headings, "|---|---|---:|---:|---:|");
        foreach (var row in report.Rows)
        {
            var cells = Cells(row).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal));
            // Only the values are marked: the scenario and measure name the row either way.
            md.AppendLine($"| {string.Join(" | ", cells.Select((c, i) => row.Alarm && i is 2 or 3 ? $"**{c}**" : c))} |");
        }
        md.AppendLine();
        foreach (var line in RoundLines(report)) md.AppendLine($"- {line}");
        if (report.Rounds > 1) md.AppendLine();
        md.AppendLine(report.Ok ? "Both back ends reconciled." : "**Reconciliation failed on " + FailedOn(report) + ".**");
        return md.ToString();
    }

    public static string Html(CompareReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = ReportPage.Open("Pmo.Load compare", "td.n{text-align:right}", Title(report), Overview(report), report.GeneratedAt, report.Ok, "both reconciled");
        html.Append("<table><tr>");
        foreach (var heading in Headings) html.Append($"<th>{E(heading)}</th>");
        html.Append("</tr>");
        foreach (var row in report.Rows)
        {
            html.Append("<tr>");
            var cells = Cells(row);
            for (var i = 0; i < cells.Count; i++)
            {
                var css = (i >= 2 ? "n" : "") + (row.Alarm && i is 2 or 3 ? " bad" : "");
                html.Append(css.Length == 0 ? $"<td>{E(cells[i])}</td>" : $"<td class=\"{css.Trim()}\">{E(cells[i])}</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table>");
        foreach (var line in RoundLines(report)) html.Append($"<p>{E(line)}</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>The console's closing table.</summary>
    public static Table Console(CompareReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportPage.ConsoleTable(Headings, report.Rows.Select(row => Cells(row).Select((c, i) => new Measure(Headings[i], c, row.Alarm && i is 2 or 3))));
    }
}
