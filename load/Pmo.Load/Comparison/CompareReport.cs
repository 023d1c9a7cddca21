namespace Pmo.Load.Comparison;

// compare.json: the same workload's measures on both back ends, side by side. Serialised camelCase,
// so the property names below are the JSON names.

public sealed record CompareReport() : RunReport("Pmo.Load compare")
{
    /// <summary>In-memory first, then PostgreSQL, as they ran.</summary>
    public required IReadOnlyList<BackendRun> Backends { get; init; }
    public required IReadOnlyList<CompareRow> Rows { get; init; }
    /// <summary>Both back ends reconciled in every scenario.</summary>
    public bool Ok => Backends.All(b => b.Ok);
}

/// <summary>One back end's run: what it was, what its health said, and where its own report is (relative to compare.json).</summary>
public sealed record BackendRun(string Name, string Mode, string ReportFolder, bool Ok);

/// <summary>A value as the report shows it, and as a number where it is one (null: not measured).</summary>
public sealed record CompareCell(double? Value, string Text);

/// <summary>
/// One measure of one scenario (or of the import) on both back ends; <see cref="Ratio"/> is
/// PostgreSQL over in-memory (null when in-memory is zero or missing).
/// </summary>
public sealed record CompareRow(string Scenario, string Measure, CompareCell InMemory, CompareCell PostgreSql, double? Ratio, bool Alarm = false);

/// <summary>Builds the side-by-side rows from the two back ends' own reports; nothing is measured here.</summary>
public static class CompareRows
{
    public const string InMemoryName = "in-memory";
    public const string PostgreSqlName = "PostgreSQL";

    public static CompareReport Build(LoadReport inMemory, LoadReport postgreSql, string inMemoryFolder, string postgreSqlFolder, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(inMemory);
        ArgumentNullException.ThrowIfNull(postgreSql);
        return new CompareReport
        {
            GeneratedAt = generatedAt,
            Document = inMemory.Document with { ImportChangeId = null, ImportSettleMs = null, ImportTotalMs = null },
            Machine = inMemory.Machine,
            Settings = inMemory.Settings,
            Backends =
            [
                new BackendRun(InMemoryName, inMemory.Service.Mode, inMemoryFolder, inMemory.Ok),
                new BackendRun(PostgreSqlName, postgreSql.Service.Mode, postgreSqlFolder, postgreSql.Ok),
            ],
            Rows = Rows(inMemory, postgreSql),
        };
    }

    public static IReadOnlyList<CompareRow> Rows(LoadReport inMemory, LoadReport postgreSql)
    {
        ArgumentNullException.ThrowIfNull(inMemory);
        ArgumentNullException.ThrowIfNull(postgreSql);
        var rows = new List<CompareRow>
        {
            Number("import", "import until settled, ms", inMemory.Document.ImportTotalMs ?? inMemory.Document.ImportSettleMs,
                postgreSql.Document.ImportTotalMs ?? postgreSql.Document.ImportSettleMs, Ms),
        };
        var other = postgreSql.Scenarios.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var a in inMemory.Scenarios)
        {
            // Both ran the same scenarios; one missing on the PostgreSQL side shows as "–", not as a crash.
            other.TryGetValue(a.Name, out var b);
            rows.AddRange(Scenario(a, b));
        }
        return rows;
    }

    private static IEnumerable<CompareRow> Scenario(ScenarioReport a, ScenarioReport? b)
    {
        var name = a.Name;
        yield return Number(name, "accepted/s", a.AcceptedPerSecond, b?.AcceptedPerSecond, v => Inv($"{v:0.0}"));
        yield return Count(name, "refused (503/429)", a.Refused, b?.Refused, alarm: false);
        yield return Count(name, "errors", a.Errors, b?.Errors, alarm: true);
        foreach (var (label, pick) in Percentile)
            yield return Number(name, $"settle ms {label}", pick(a.SettleMs), b is null ? null : pick(b.SettleMs), Ms);
        yield return Number(name, "alert latency ms p50", a.AlertLatencyMs.P50, b?.AlertLatencyMs.P50, Ms);
        yield return Number(name, "alert latency ms p99", a.AlertLatencyMs.P99, b?.AlertLatencyMs.P99, Ms);
        yield return Number(name, "RSS peak, MiB", Mib(a.Process), Mib(b?.Process), v => Inv($"{v:0}"));
        // Where each side's CPU went: with the database on the same cores, these explain the accepted/s ratio.
        yield return Number(name, "CPU ms/command, host", a.Cpu?.HostMsPerCommand, b?.Cpu?.HostMsPerCommand, CpuMs);
        yield return Number(name, "CPU ms/command, rest of the machine", a.Cpu?.OtherMsPerCommand, b?.Cpu?.OtherMsPerCommand, CpuMs);
        yield return Number(name, "CPU ms/command, harness", a.Cpu?.HarnessMsPerCommand, b?.Cpu?.HarnessMsPerCommand, CpuMs);
        yield return Number(name, "all cores busy, %", a.Cpu?.MachineBusyPercent, b?.Cpu?.MachineBusyPercent, v => Inv($"{v:0}"));
        yield return new CompareRow(name, "reconciliation", Reconciled(a), Reconciled(b), null, !a.Reconciliation.Ok || b is not { Reconciliation.Ok: true });
    }

    private static readonly (string Label, Func<Percentiles, double?> Pick)[] Percentile =
    [
        ("p50", p => p.P50), ("p95", p => p.P95), ("p99", p => p.P99), ("max", p => p.Max),
    ];

    private static CompareRow Number(string scenario, string measure, double? a, double? b, Func<double, string> format) =>
        new(scenario, measure, Cell(a, format), Cell(b, format), Ratio(a, b));

    /// <summary>A count; with <paramref name="alarm"/>, any on either side is what went wrong.</summary>
    private static CompareRow Count(string scenario, string measure, long a, long? b, bool alarm) =>
        new(scenario, measure, Cell(a, v => Inv($"{v:0}")), Cell(b, v => Inv($"{v:0}")), Ratio(a, b), alarm && (a > 0 || b > 0));

    private static string Ms(double value) => ReportWriter.Ms(value);

    private static string CpuMs(double value) => Inv($"{value:0.00}");

    private static CompareCell Cell(double? value, Func<double, string> format) => new(value, value is { } v ? format(v) : "–");

    private static CompareCell Reconciled(ScenarioReport? s) => s is null
        ? new CompareCell(null, "–")
        : new CompareCell(null, s.Reconciliation.Ok ? "ok" : ReportWriter.Problems(s.Reconciliation.ProblemCount));

    private static double? Mib(ProcessStats? process) => process is { Samples.Count: > 0 } p ? p.PeakRssBytes / 1048576.0 : null;

    public static double? Ratio(double? inMemory, double? postgreSql) =>
        inMemory is { } a && postgreSql is { } b && a > 0 ? Math.Round(b / a, 2) : null;
}
