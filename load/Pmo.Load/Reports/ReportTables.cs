using Spectre.Console;
using static Pmo.Load.Reports.ReportWriter;

namespace Pmo.Load.Reports;

/// <summary>One cell or row of a report, worded once from the data; <see cref="Alarm"/> marks what went wrong.</summary>
public sealed record Measure(string Name, string Value, bool Alarm = false);

/// <summary>
/// The report's tables as data, worded once from a <see cref="LoadReport"/>. report.md, report.html
/// and the console summary each render these rows in their own way; none reads another's output.
/// </summary>
public static class ReportTables
{
    public static IReadOnlyList<string> SummaryHeadings { get; } =
    [
        "scenario", "commands", "accepted/s", "errors", "refused", "settle ms p50 / p95 / p99 / max", "client-seen settle ms p50 / p99",
        "alert latency ms p50 / p95 / p99 / max", "grains touched mean / p99", "reconciliation",
    ];

    public static string Title(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"Load run against {report.Target}";
    }

    public static string Overview(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var doc = report.Document;
        return Inv($"{doc.Source}: {doc.Projects} projects, {doc.Tasks} tasks, {doc.Resources} resources, {doc.Portfolios} portfolios, {doc.CrossLinks} cross links; import settled in {Ms(doc.ImportSettleMs)} ms. ") +
               Inv($"Machine: {report.Machine.Cores} cores, {Gib(report.Machine.MemoryBytes)} GiB; service mode {report.Service.Mode}. ") +
               Inv($"Offered rate {report.Settings.Rate}/s, {report.Settings.Concurrency} in flight, {report.Settings.DurationSeconds} s per scenario, {report.Settings.Clients} SignalR clients in mixed.");
    }

    /// <summary>One scenario's row of the summary table, a cell per <see cref="SummaryHeadings"/>.</summary>
    public static IReadOnlyList<Measure> Summary(ScenarioReport s)
    {
        ArgumentNullException.ThrowIfNull(s);
        string[] cells =
        [
            s.Name, Inv($"{s.Commands}"), Inv($"{s.AcceptedPerSecond:0.0}"), Inv($"{s.Errors}"), Inv($"{s.Refused}"), Four(s.SettleMs),
            $"{Ms(s.SettleClientMs.P50)} / {Ms(s.SettleClientMs.P99)}", Four(s.AlertLatencyMs),
            $"{Num(s.GrainsTouched.Mean)} / {Num(s.GrainsTouched.P99)}", s.Reconciliation.Ok ? "ok" : Problems(s.Reconciliation.ProblemCount),
        ];
        return [.. cells.Select((value, i) => new Measure(SummaryHeadings[i], value, i == cells.Length - 1 && !s.Reconciliation.Ok))];
    }

    /// <summary>One scenario's measures, in the order the reports list them.</summary>
    public static IEnumerable<Measure> Measures(ScenarioReport s)
    {
        ArgumentNullException.ThrowIfNull(s);
        yield return new("commands sent / accepted", Inv($"{s.Commands} / {s.Accepted} in {s.DriveSeconds:0.0} s"));
        yield return new("accepted per second", Inv($"{s.AcceptedPerSecond:0.0}"));
        yield return new("command response ms (send to 202) p50/p95/p99/max", Four(s.ResponseMs));
        yield return new("commands by kind", string.Join(", ", s.CommandsByKind.Select(kv => Inv($"{kv.Key} {kv.Value}"))));
        yield return new("errors", s.Errors == 0 ? "0" : string.Join(", ", s.ErrorsByKind.Select(kv => Inv($"{kv.Key}: {kv.Value}"))), s.Errors > 0);
        yield return new("refused (503/429 with Retry-After)", Inv($"{s.Refused}"));
        yield return new("settle ms (service) p50/p95/p99/max", Four(s.SettleMs));
        yield return new("settle ms (client-seen) p50/p95/p99/max", Four(s.SettleClientMs));
        yield return new("settlement seen by",
            string.Join(", ", s.SettleSources.Select(kv => Inv($"{kv.Key} {kv.Value}"))) +
            (s.Unsettled > 0 ? Inv($"; {s.Unsettled} never settled") : "") +
            (s.SettlementsNotPushed > 0 ? Inv($"; {s.SettlementsNotPushed} changeSettled never pushed") : ""),
            s.Unsettled > 0);
        yield return new("alert latency ms p50/p95/p99/max", Four(s.AlertLatencyMs) + Inv($" ({s.AlertLatencyMs.Count} changes with an alert)"));
        yield return new("grains touched per change mean / p99", $"{Num(s.GrainsTouched.Mean)} / {Num(s.GrainsTouched.P99)}");
        yield return new("alerts raised per change mean / p99", $"{Num(s.AlertsRaised.Mean)} / {Num(s.AlertsRaised.P99)}");
        yield return new("SignalR clients, messages per client min / mean / max",
            Inv($"{s.Clients.Count}: {s.Clients.MessagesPerClientMin} / {s.Clients.MessagesPerClientMean:0.0} / {s.Clients.MessagesPerClientMax}; resyncs {s.Clients.Resyncs}"));
        if (s.Process is { } p)
            yield return new("service process", p.Samples.Count == 0 ? p.Problem ?? "no samples"
                : Inv($"peak RSS {p.PeakRssBytes / 1048576.0:0} MiB, CPU mean {p.MeanCpuPercent:0} % / max {p.MaxCpuPercent:0} % of one core"));
        if (s.Cpu is { } cpu)
            yield return new("CPU ms per accepted command: host / harness / rest of the machine",
                Inv($"{Num(cpu.HostMsPerCommand)} / {Num(cpu.HarnessMsPerCommand)} / {Num(cpu.OtherMsPerCommand)}; all cores {Num(cpu.MachineBusyPercent)} % busy"));
        if (s.Baseline is { } b)
        {
            var batch = b.InProcess.Batch;
            var incremental = b.InProcess.Incremental;
            yield return new("batch baseline (whole-portfolio recompute per change)",
                Inv($"{batch.ChangesPerSecond:0.0} changes/s, p50 {Ms(batch.PerChangeMs.P50)} ms, p99 {Ms(batch.PerChangeMs.P99)} ms ({batch.Replayed} of {b.InProcess.Changes} replayed{(batch.Extrapolated ? ", extrapolated" : "")})"));
            yield return new("incremental lower bound",
                Inv($"{incremental.ChangesPerSecond:0.0} changes/s, p50 {Ms(incremental.PerChangeMs.P50)} ms, p99 {Ms(incremental.PerChangeMs.P99)} ms, {Num(incremental.ProjectsRescheduledMean)} projects rescheduled per change{(b.InProcess.IncrementalMatchesBatch ? "" : ", does not match a whole-portfolio CPM")}"),
                !b.InProcess.IncrementalMatchesBatch);
            yield return new("live vs batch / vs incremental (throughput)", $"{Num(b.ThroughputLiveVsBatch)} / {Num(b.ThroughputLiveVsIncremental)}");
            yield return new("live vs batch / vs incremental (p50 latency)", $"{Num(b.LatencyLiveVsBatch)} / {Num(b.LatencyLiveVsIncremental)}");
        }
        yield return s.Reconciliation.Ok
            ? new("reconciliation", "ok (" + string.Join(", ", s.Reconciliation.Checked.Select(kv => Inv($"{kv.Value} {kv.Key}"))) + " checked)")
            : new("reconciliation", Problems(s.Reconciliation.ProblemCount), Alarm: true);
        foreach (var note in s.Notes) yield return new("note", note);
    }

    /// <summary>The console's closing summary: one row per scenario.</summary>
    public static Table Console(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportPage.ConsoleTable(SummaryHeadings, report.Scenarios.Select(Summary));
    }
}
