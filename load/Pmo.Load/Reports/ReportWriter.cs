using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pmo.Load.Measurement;

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
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "report.json");
        var markdown = Path.Combine(directory, "report.md");
        var html = Path.Combine(directory, "report.html");
        await File.WriteAllTextAsync(json, ToJson(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(markdown, Markdown(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(html, HtmlReport.Render(report), cancellationToken).ConfigureAwait(false);
        return [json, markdown, html];
    }

    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, Json);

    public static string Markdown(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var doc = report.Document;
        md.AppendLine(Inv($"## Load run against {report.Target}"));
        md.AppendLine();
        md.AppendLine(Inv($"{doc.Source}: {doc.Projects} projects, {doc.Tasks} tasks, {doc.Resources} resources, {doc.Portfolios} portfolios, {doc.CrossLinks} cross links; import settled in {Ms(doc.ImportSettleMs)} ms. ") +
                      Inv($"Machine: {report.Machine.Cores} cores, {Gib(report.Machine.MemoryBytes)} GiB; service mode {report.Service.Mode}. ") +
                      Inv($"Offered rate {report.Settings.Rate}/s, {report.Settings.Concurrency} in flight, {report.Settings.DurationSeconds} s per scenario, {report.Settings.Clients} SignalR clients in mixed."));
        md.AppendLine();
        md.AppendLine("| scenario | commands | accepted/s | errors | settle ms p50 / p95 / p99 / max | client-seen settle ms p50 / p99 | alert latency ms p50 / p95 / p99 / max | grains touched mean / p99 | reconciliation |");
        md.AppendLine("|---|---:|---:|---:|---|---|---|---|---|");
        foreach (var s in report.Scenarios)
        {
            md.AppendLine(Inv($"| {s.Name} | {s.Commands} | {s.AcceptedPerSecond:0.0} | {s.Errors} | {Four(s.SettleMs)} | {Ms(s.SettleClientMs.P50)} / {Ms(s.SettleClientMs.P99)} | {Four(s.AlertLatencyMs)} | {Num(s.GrainsTouched.Mean)} / {Num(s.GrainsTouched.P99)} | {(s.Reconciliation.Ok ? "ok" : $"**{Problems(s.Reconciliation.ProblemCount)}**")} |"));
        }
        foreach (var s in report.Scenarios)
        {
            md.AppendLine();
            md.AppendLine(Inv($"### {s.Name}"));
            md.AppendLine();
            md.AppendLine("| measure | value |");
            md.AppendLine("|---|---|");
            Row("commands sent / accepted", Inv($"{s.Commands} / {s.Accepted} in {s.DriveSeconds:0.0} s"));
            Row("accepted per second", Inv($"{s.AcceptedPerSecond:0.0}"));
            Row("command response ms (send to 202) p50/p95/p99/max", Four(s.ResponseMs));
            Row("commands by kind", string.Join(", ", s.CommandsByKind.Select(kv => Inv($"{kv.Key} {kv.Value}"))));
            Row("errors", s.Errors == 0 ? "0" : string.Join(", ", s.ErrorsByKind.Select(kv => Inv($"{kv.Key}: {kv.Value}"))));
            Row("settle ms (service) p50/p95/p99/max", Four(s.SettleMs));
            Row("settle ms (client-seen) p50/p95/p99/max", Four(s.SettleClientMs));
            Row("settlement seen by", string.Join(", ", s.SettleSources.Select(kv => Inv($"{kv.Key} {kv.Value}"))) + (s.Unsettled > 0 ? Inv($"; **{s.Unsettled} never settled**") : "") + (s.SettlementsNotPushed > 0 ? Inv($"; {s.SettlementsNotPushed} changeSettled never pushed") : ""));
            Row("alert latency ms p50/p95/p99/max", Four(s.AlertLatencyMs) + Inv($" ({s.AlertLatencyMs.Count} changes with an alert)"));
            Row("grains touched per change mean / p99", Inv($"{Num(s.GrainsTouched.Mean)} / {Num(s.GrainsTouched.P99)}"));
            Row("alerts raised per change mean / p99", Inv($"{Num(s.AlertsRaised.Mean)} / {Num(s.AlertsRaised.P99)}"));
            Row("SignalR clients, messages per client min / mean / max", Inv($"{s.Clients.Count}: {s.Clients.MessagesPerClientMin} / {s.Clients.MessagesPerClientMean:0.0} / {s.Clients.MessagesPerClientMax}; resyncs {s.Clients.Resyncs}"));
            if (s.Process is { } p)
                Row("service process", p.Samples.Count == 0 ? p.Problem ?? "no samples" : Inv($"peak RSS {p.PeakRssBytes / 1048576.0:0} MiB, CPU mean {p.MeanCpuPercent:0} % / max {p.MaxCpuPercent:0} % of one core"));
            if (s.Baseline is { } b)
            {
                var batch = b.InProcess.Batch;
                var incremental = b.InProcess.Incremental;
                Row("batch baseline (whole-portfolio recompute per change)", Inv($"{batch.ChangesPerSecond:0.0} changes/s, p50 {Ms(batch.PerChangeMs.P50)} ms, p99 {Ms(batch.PerChangeMs.P99)} ms ({batch.Replayed} of {b.InProcess.Changes} replayed{(batch.Extrapolated ? ", extrapolated" : "")})"));
                Row("incremental lower bound", Inv($"{incremental.ChangesPerSecond:0.0} changes/s, p50 {Ms(incremental.PerChangeMs.P50)} ms, p99 {Ms(incremental.PerChangeMs.P99)} ms, {Num(incremental.ProjectsRescheduledMean)} projects rescheduled per change{(b.InProcess.IncrementalMatchesBatch ? "" : ", **does not match a whole-portfolio CPM**")}"));
                Row("live vs batch / vs incremental (throughput)", Inv($"{Num(b.ThroughputLiveVsBatch)} / {Num(b.ThroughputLiveVsIncremental)}"));
                Row("live vs batch / vs incremental (p50 latency)", Inv($"{Num(b.LatencyLiveVsBatch)} / {Num(b.LatencyLiveVsIncremental)}"));
            }
            Row("reconciliation", s.Reconciliation.Ok
                ? "ok (" + string.Join(", ", s.Reconciliation.Checked.Select(kv => Inv($"{kv.Value} {kv.Key}"))) + " checked)"
                : Inv($"**{Problems(s.Reconciliation.ProblemCount)}**"));
            foreach (var note in s.Notes) Row("note", note);
            if (!s.Reconciliation.Ok)
            {
                md.AppendLine();
                foreach (var problem in s.Reconciliation.Problems.Take(20)) md.AppendLine($"- {Escape(problem)}");
                if (s.Reconciliation.ProblemCount > 20) md.AppendLine(Inv($"- … {s.Reconciliation.ProblemCount - 20} more in report.json"));
            }
        }
        return md.ToString();

        void Row(string name, string value) => md.AppendLine($"| {name} | {Escape(value)} |");
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    internal static string Four(Percentiles p) => p.Count == 0 ? "–" : $"{Ms(p.P50)} / {Ms(p.P95)} / {Ms(p.P99)} / {Ms(p.Max)}";

    internal static string Ms(double? value) => value is { } v ? v.ToString(v >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture) : "–";

    internal static string Problems(int count) => count == 1 ? "1 problem" : $"{count.ToString(CultureInfo.InvariantCulture)} problems";

    internal static string Num(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "–";

    private static string Gib(long? bytes) => bytes is { } b ? (b / 1073741824.0).ToString("0.0", CultureInfo.InvariantCulture) : "?";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
