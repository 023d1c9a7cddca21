namespace Pmo.Load.Comparison;

// compare.json: the same workload's measures on both back ends, side by side. Serialised camelCase,
// so the property names below are the JSON names.

public sealed record CompareReport() : RunReport("Pmo.Load compare")
{
    /// <summary>Every back end's run, round by round (in-memory and PostgreSQL in the order they ran).</summary>
    public required IReadOnlyList<BackendRun> Backends { get; init; }
    public required IReadOnlyList<CompareRow> Rows { get; init; }
    /// <summary>Rounds run; with more than one, each cell is the median over the rounds.</summary>
    public int Rounds { get; init; } = 1;
    /// <summary>Each scenario's accepted/s ratio (PostgreSQL / in-memory) round by round, and their median.</summary>
    public IReadOnlyList<RoundRatios> AcceptedRatios { get; init; } = [];
    /// <summary>Both back ends reconciled in every scenario of every round.</summary>
    public bool Ok => Backends.All(b => b.Ok);
}

/// <summary>One back end's run: what it was, what its health said, and where its own report is (relative to compare.json).</summary>
public sealed record BackendRun(string Name, string Mode, string ReportFolder, bool Ok, int Round = 1);

/// <summary>A value as the report shows it, and as a number where it is one (null: not measured).</summary>
public sealed record CompareCell(double? Value, string Text);

/// <summary>
/// One measure of one scenario (or of the import) on both back ends; <see cref="Ratio"/> is
/// PostgreSQL over in-memory (null when in-memory is zero or missing).
/// </summary>
public sealed record CompareRow(string Scenario, string Measure, CompareCell InMemory, CompareCell PostgreSql, double? Ratio, bool Alarm = false);

/// <summary>
/// A scenario's accepted/s ratio in each round. Rounds alternate which back end goes first and each pairs
/// two runs minutes apart, so the median of these is steadier than one pair on a machine whose speed drifts.
/// </summary>
public sealed record RoundRatios(string Scenario, IReadOnlyList<double?> Ratios, double? Median);

/// <summary>Builds the side-by-side rows from the back ends' own reports; nothing is measured here.</summary>
public static class CompareRows
{
    public const string InMemoryName = "in-memory";
    public const string PostgreSqlName = "PostgreSQL";

    /// <summary>One round: each back end ran once.</summary>
    public static CompareReport Build(LoadReport inMemory, LoadReport postgreSql, string inMemoryFolder, string postgreSqlFolder, DateTimeOffset generatedAt) =>
        Build([new BackendRound(inMemory, inMemoryFolder, postgreSql, postgreSqlFolder)], generatedAt);

    /// <summary>Several rounds: each cell is the median of its rounds, with their range beside it.</summary>
    public static CompareReport Build(IReadOnlyList<BackendRound> rounds, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        if (rounds.Count == 0) throw new ArgumentException("a comparison needs at least one round", nameof(rounds));
        var first = rounds[0].InMemory;
        return new CompareReport
        {
            GeneratedAt = generatedAt,
            Document = first.Document with { ImportChangeId = null, ImportSettleMs = null, ImportTotalMs = null },
            Machine = first.Machine,
            Settings = first.Settings,
            Backends =
            [
                .. rounds.SelectMany((r, i) => (BackendRun[])
                [
                    new(InMemoryName, r.InMemory.Service.Mode, r.InMemoryFolder, r.InMemory.Ok, i + 1),
                    new(PostgreSqlName, r.PostgreSql.Service.Mode, r.PostgreSqlFolder, r.PostgreSql.Ok, i + 1),
                ]),
            ],
            Rows = Rows([.. rounds.Select(r => r.InMemory)], [.. rounds.Select(r => r.PostgreSql)]),
            Rounds = rounds.Count,
            AcceptedRatios = [.. first.Scenarios.Select(s => Ratios(s.Name, rounds))],
        };
    }

    public static IReadOnlyList<CompareRow> Rows(LoadReport inMemory, LoadReport postgreSql) => Rows([inMemory], [postgreSql]);

    public static IReadOnlyList<CompareRow> Rows(IReadOnlyList<LoadReport> inMemory, IReadOnlyList<LoadReport> postgreSql)
    {
        ArgumentNullException.ThrowIfNull(inMemory);
        ArgumentNullException.ThrowIfNull(postgreSql);
        var rows = new List<CompareRow>
        {
            Number("import", "import until settled, ms", inMemory.Select(Import), postgreSql.Select(Import), Ms),
        };
        foreach (var name in inMemory[0].Scenarios.Select(s => s.Name))
        {
            // Both ran the same scenarios; one missing on the PostgreSQL side shows as "–", not as a crash.
            rows.AddRange(Scenario(name, [.. inMemory.Select(r => Find(r, name))], [.. postgreSql.Select(r => Find(r, name))]));
        }
        return rows;
    }

    private static double? Import(LoadReport report) => report.Document.ImportTotalMs ?? report.Document.ImportSettleMs;

    private static ScenarioReport? Find(LoadReport report, string name) => report.Scenarios.FirstOrDefault(s => s.Name == name);

    private static IEnumerable<CompareRow> Scenario(string name, IReadOnlyList<ScenarioReport?> a, IReadOnlyList<ScenarioReport?> b)
    {
        CompareRow Measure(string measure, Func<ScenarioReport, double?> pick, Func<double, string> format) =>
            Number(name, measure, a.Select(s => s is null ? null : pick(s)), b.Select(s => s is null ? null : pick(s)), format);

        yield return Measure("accepted/s", s => s.AcceptedPerSecond, v => Inv($"{v:0.0}"));
        yield return Count(name, "refused (503/429)", a.Select(s => s?.Refused), b.Select(s => s?.Refused), alarm: false);
        yield return Count(name, "errors", a.Select(s => s?.Errors), b.Select(s => s?.Errors), alarm: true);
        foreach (var (label, pick) in Percentile)
            yield return Measure($"settle ms {label}", s => pick(s.SettleMs), Ms);
        yield return Measure("alert latency ms p50", s => s.AlertLatencyMs.P50, Ms);
        yield return Measure("alert latency ms p99", s => s.AlertLatencyMs.P99, Ms);
        yield return Measure("RSS peak, MiB", s => Mib(s.Process), v => Inv($"{v:0}"));
        // Where each side's CPU went: with the database on the same cores, these explain the accepted/s ratio.
        yield return Measure("CPU ms/command, host", s => s.Cpu?.HostMsPerCommand, CpuMs);
        yield return Measure("CPU ms/command, rest of the machine", s => s.Cpu?.OtherMsPerCommand, CpuMs);
        yield return Measure("CPU ms/command, harness", s => s.Cpu?.HarnessMsPerCommand, CpuMs);
        yield return Measure("all cores busy, %", s => s.Cpu?.MachineBusyPercent, v => Inv($"{v:0}"));
        yield return new CompareRow(name, "reconciliation", Reconciled(a), Reconciled(b), null,
            a.Any(s => s is not { Reconciliation.Ok: true }) || b.Any(s => s is not { Reconciliation.Ok: true }));
    }

    private static RoundRatios Ratios(string scenario, IReadOnlyList<BackendRound> rounds)
    {
        var ratios = rounds.Select(r => Ratio(Find(r.InMemory, scenario)?.AcceptedPerSecond, Find(r.PostgreSql, scenario)?.AcceptedPerSecond)).ToList();
        var median = Median(ratios);
        return new RoundRatios(scenario, ratios, median is { } m ? Math.Round(m, 2) : null);
    }

    private static readonly (string Label, Func<Percentiles, double?> Pick)[] Percentile =
    [
        ("p50", p => p.P50), ("p95", p => p.P95), ("p99", p => p.P99), ("max", p => p.Max),
    ];

    private static CompareRow Number(string scenario, string measure, IEnumerable<double?> a, IEnumerable<double?> b, Func<double, string> format)
    {
        var (x, y) = (a.ToList(), b.ToList());
        return new(scenario, measure, Cell(x, format), Cell(y, format), Ratio(Median(x), Median(y)));
    }

    /// <summary>A count; with <paramref name="alarm"/>, any on either side in any round is what went wrong.</summary>
    private static CompareRow Count(string scenario, string measure, IEnumerable<long?> a, IEnumerable<long?> b, bool alarm)
    {
        var (x, y) = (a.Select(v => (double?)v).ToList(), b.Select(v => (double?)v).ToList());
        return new(scenario, measure, Cell(x, v => Inv($"{v:0}")), Cell(y, v => Inv($"{v:0}")), Ratio(Median(x), Median(y)),
            alarm && x.Concat(y).Any(v => v > 0));
    }

    private static string Ms(double value) => ReportWriter.Ms(value);

    private static string CpuMs(double value) => Inv($"{value:0.00}");

    /// <summary>The median; with more than one round, the range follows it ("1050.0 (683.0–1220.4)").</summary>
    private static CompareCell Cell(IReadOnlyList<double?> values, Func<double, string> format)
    {
        var known = values.OfType<double>().Order().ToList();
        if (Median(values) is not { } median) return new CompareCell(null, "–");
        var text = values.Count > 1 ? $"{format(median)} ({format(known[0])}–{format(known[^1])})" : format(median);
        return new CompareCell(median, text);
    }

    /// <summary>Median of the values that were measured; null when none was.</summary>
    public static double? Median(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var known = values.OfType<double>().Order().ToList();
        if (known.Count == 0) return null;
        var middle = known.Count / 2;
        return known.Count % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
    }

    private static CompareCell Reconciled(IReadOnlyList<ScenarioReport?> rounds)
    {
        if (rounds.All(s => s is null)) return new CompareCell(null, "–");
        var problems = rounds.Sum(s => s is null ? 1 : s.Reconciliation.Ok ? 0 : s.Reconciliation.ProblemCount);
        return new CompareCell(null, problems == 0 ? "ok" : ReportWriter.Problems(problems));
    }

    private static double? Mib(ProcessStats? process) => process is { Samples.Count: > 0 } p ? p.PeakRssBytes / 1048576.0 : null;

    public static double? Ratio(double? inMemory, double? postgreSql) =>
        inMemory is { } a && postgreSql is { } b && a > 0 ? Math.Round(b / a, 2) : null;
}

/// <summary>One round of a comparison: each back end's report and its folder (relative to compare.json).</summary>
public sealed record BackendRound(LoadReport InMemory, string InMemoryFolder, LoadReport PostgreSql, string PostgreSqlFolder);
