using System.Net;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pmo.Load.Reports;

/// <summary>
/// What a run's report and a comparison share once they are worded: the three files written side by side,
/// the HTML page's head and opening, and the closing summary on the console.
/// </summary>
public static class ReportPage
{
    /// <summary>Writes <paramref name="name"/>.json, .md and .html into <paramref name="directory"/>; returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        string directory, string name, string json, string markdown, string html, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string[] paths = [Path.Combine(directory, name + ".json"), Path.Combine(directory, name + ".md"), Path.Combine(directory, name + ".html")];
        string[] texts = [json, markdown, html];
        for (var i = 0; i < paths.Length; i++)
            await File.WriteAllTextAsync(paths[i], texts[i], cancellationToken).ConfigureAwait(false);
        return paths;
    }

    /// <summary>
    /// A self-contained page up to its overview paragraph: inline CSS (<paramref name="css"/> after the shared
    /// rules), the title as heading, the overview with when it was generated, and whether it reconciled.
    /// </summary>
    public static StringBuilder Open(string pageTitle, string css, string title, string overview, DateTimeOffset generatedAt, bool ok, string okText)
    {
        var html = new StringBuilder();
        html.Append(Inv($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(pageTitle)}</title><style>"))
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}")
            .Append("table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:4px 8px;font-size:13px;text-align:left}")
            .Append("th{background:#f3f3f3}.ok{color:#17713a;font-weight:bold}.bad{color:#b00020;font-weight:bold}")
            .Append(css)
            .Append("</style></head><body>");
        html.Append($"<h1>{E(title)}</h1>");
        html.Append(Inv($"<p>{E(overview)} Generated {generatedAt:u}. Overall: "));
        html.Append(ok ? $"<span class=\"ok\">{E(okText)}</span>" : "<span class=\"bad\">reconciliation failed</span>").Append("</p>");
        return html;
    }

    /// <summary>A Markdown report up to its table's heading row: the title, the overview and the column headings.</summary>
    public static StringBuilder MarkdownOpen(string title, string overview, IEnumerable<string> headings, string alignment)
    {
        var md = new StringBuilder();
        md.AppendLine($"## {title}").AppendLine().AppendLine(overview).AppendLine();
        md.AppendLine($"| {string.Join(" | ", headings)} |").AppendLine(alignment);
        return md;
    }

    /// <summary>The console's closing table: a column per heading, a row per entry, what went wrong in bold red.</summary>
    public static Table ConsoleTable(IEnumerable<string> headings, IEnumerable<IEnumerable<Measure>> rows)
    {
        var table = new Table();
        foreach (var heading in headings) table.AddColumn(new TableColumn(new Text(heading)));
        foreach (var row in rows)
            table.AddRow(row.Select(m => (IRenderable)new Text(m.Value, m.Alarm ? new Style(Color.Red, decoration: Decoration.Bold) : Style.Plain)));
        return table;
    }

    /// <summary>The console's closing lines: title, overview, the summary table and the files written.</summary>
    public static void Show(Terminal terminal, string title, string overview, IRenderable table, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        terminal.Line();
        terminal.Line(title);
        terminal.Line(overview);
        terminal.Write(table);
        foreach (var file in files) terminal.Line($"wrote {file}");
    }

    public static string E(string text) => WebUtility.HtmlEncode(text);
}
