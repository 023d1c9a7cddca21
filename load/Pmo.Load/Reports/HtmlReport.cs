using static Pmo.Load.Reports.ReportPage;

namespace Pmo.Load.Reports;

/// <summary>report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched).</summary>
public static class HtmlReport
{
    public static string Render(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = ReportPage.Open("Pmo.Load report", "section{border-top:2px solid #ddd;margin-top:24px;padding-top:8px}svg{display:block;margin:8px 0}",
            ReportTables.Title(report), ReportTables.Overview(report), report.GeneratedAt, report.Ok, "reconciled");

        html.Append("<table><tr>");
        foreach (var heading in ReportTables.SummaryHeadings) html.Append($"<th>{E(heading)}</th>");
        html.Append("</tr>");
        foreach (var s in report.Scenarios)
        {
            html.Append("<tr>");
            foreach (var cell in ReportTables.Summary(s)) html.Append(cell.Alarm ? $"<td class=\"bad\">{E(cell.Value)}</td>" : $"<td>{E(cell.Value)}</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");

        foreach (var s in report.Scenarios)
        {
            html.Append(Inv($"<section><h2>{E(s.Name)}</h2>"));
            var timeline = s.Timeline;
            html.Append(SvgChart.Line("Settle latency by second of acceptance (service timestamps)", "seconds since the scenario started", "ms",
            [
                new ChartSeries("p50", "#1f77b4", Points(timeline, t => t.SettleMs.P50)),
                new ChartSeries("p99", "#ff7f0e", Points(timeline, t => t.SettleMs.P99)),
                new ChartSeries("max", "#d62728", Points(timeline, t => t.SettleMs.Max)),
            ]));
            html.Append(SvgChart.Line("Commands per second", "seconds since the scenario started", "commands/s",
            [
                new ChartSeries("accepted", "#2ca02c", Points(timeline, t => t.Accepted)),
                new ChartSeries("refused", "#ff7f0e", Points(timeline, t => t.Refused)),
                new ChartSeries("errors", "#d62728", Points(timeline, t => t.Errors)),
            ]));
            if (s.Process is { Samples.Count: > 0 } process)
            {
                html.Append(SvgChart.Line("Service RSS", "seconds since the scenario started", "MiB",
                    [new ChartSeries("RSS", "#9467bd", [.. process.Samples.Select(p => (p.Second, p.RssBytes / 1048576.0))])]));
                html.Append(SvgChart.Line("Service CPU (% of one core)", "seconds since the scenario started", "%",
                    [new ChartSeries("CPU", "#8c564b", [.. process.Samples.Select(p => (p.Second, p.CpuPercent))])]));
            }

            html.Append("<table>");
            foreach (var measure in ReportTables.Measures(s))
                html.Append($"<tr><th>{E(measure.Name)}</th><td{(measure.Alarm ? " class=\"bad\"" : "")}>{E(measure.Value)}</td></tr>");
            html.Append("</table>");
            if (!s.Reconciliation.Ok)
            {
                html.Append(Inv($"<p class=\"bad\">{s.Reconciliation.ProblemCount} reconciliation problems (first {s.Reconciliation.Problems.Count}):</p><ul>"));
                foreach (var problem in s.Reconciliation.Problems) html.Append(Inv($"<li>{E(problem)}</li>"));
                html.Append("</ul>");
            }
            html.Append("</section>");
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    private static List<(double X, double Y)> Points(IReadOnlyList<TimelinePoint> timeline, Func<TimelinePoint, double?> value) =>
        [.. timeline.Where(t => value(t) is not null).Select(t => ((double)t.Second, value(t)!.Value))];
}
