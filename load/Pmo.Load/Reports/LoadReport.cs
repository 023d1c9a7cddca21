using Pmo.Load.Baseline;
using Pmo.Load.Reconciliation;

namespace Pmo.Load.Reports;

// report.json. CONTRACT.md "Load harness" fixes, per scenario, name, commands, acceptedPerSecond,
// errors, settleMs {p50,p95,p99,max}, alertLatencyMs {same} and reconciliation {ok, problems};
// everything else is this harness's addition. Serialised camelCase, so the property names below
// are the JSON names.

/// <summary>What report.json and compare.json both start with: which tool wrote it, when, and what it ran.</summary>
public abstract record RunReport(string Tool)
{
    public DateTimeOffset GeneratedAt { get; init; }
    public required DocumentInfo Document { get; init; }
    public required MachineInfo Machine { get; init; }
    public required RunSettings Settings { get; init; }
}

public sealed record LoadReport() : RunReport("Pmo.Load")
{
    public required string Target { get; init; }
    public required ServiceInfo Service { get; init; }
    public required IReadOnlyList<ScenarioReport> Scenarios { get; init; }
    /// <summary>Every scenario's reconciliation passed.</summary>
    public bool Ok => Scenarios.All(s => s.Reconciliation.Ok);
}

public sealed record DocumentInfo
{
    public required string Source { get; init; }
    public string? Size { get; init; }
    public int? Seed { get; init; }
    public int Projects { get; init; }
    public int Tasks { get; init; }
    public int Resources { get; init; }
    public int Portfolios { get; init; }
    public int CrossLinks { get; init; }
    public long Bytes { get; init; }
    public string? ImportChangeId { get; init; }
    /// <summary>From the 202 of the import to GET /api/changes/{id} saying settled.</summary>
    public double? ImportSettleMs { get; init; }
    /// <summary>From sending the import to GET /api/changes/{id} saying settled: what an operator waits.</summary>
    public double? ImportTotalMs { get; init; }
}

public sealed record ServiceInfo
{
    /// <summary>What GET /health says the mode is, or "unknown" when it does not say.</summary>
    public required string Mode { get; init; }
    public string? Health { get; init; }
    public int? Pid { get; init; }
}

public sealed record RunSettings
{
    public double Rate { get; init; }
    public int Concurrency { get; init; }
    public double DurationSeconds { get; init; }
    public int Clients { get; init; }
    public int Seed { get; init; }
    /// <summary>Seconds of unmeasured steady load before the scenarios (0: none).</summary>
    public double WarmupSeconds { get; init; }
}

public sealed record ScenarioReport
{
    public required string Name { get; init; }
    /// <summary>Commands sent.</summary>
    public long Commands { get; init; }
    public long Accepted { get; init; }
    public double AcceptedPerSecond { get; init; }
    /// <summary>Commands that were not accepted and not refused, in all; <see cref="ErrorsByKind"/> splits them.</summary>
    public long Errors { get; init; }
    /// <summary>Commands the service turned away under load (503 or 429 with Retry-After), counted apart from <see cref="Errors"/>.</summary>
    public long Refused { get; init; }
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<string> ErrorSamples { get; init; } = [];
    public IReadOnlyDictionary<string, long> CommandsByKind { get; init; } = new Dictionary<string, long>();
    public double DriveSeconds { get; init; }
    /// <summary>From sending a command to reading its 202 (or refusal).</summary>
    public Percentiles ResponseMs { get; init; } = Percentiles.Empty;
    /// <summary>settledAt - acceptedAt, the service's own timestamps.</summary>
    public required Percentiles SettleMs { get; init; }
    /// <summary>From the harness reading the 202 to it learning of the settlement.</summary>
    public required Percentiles SettleClientMs { get; init; }
    public IReadOnlyDictionary<string, long> SettleSources { get; init; } = new Dictionary<string, long>();
    public long Unsettled { get; init; }
    /// <summary>Changes that settled (seen by GET) whose changeSettled never reached the client subscribed to "all".</summary>
    public long SettlementsNotPushed { get; init; }
    /// <summary>From the 202 to the first SignalR client receiving an alert with that changeId.</summary>
    public required Percentiles AlertLatencyMs { get; init; }
    public required Percentiles GrainsTouched { get; init; }
    public required Percentiles AlertsRaised { get; init; }
    public required ClientStats Clients { get; init; }
    public ProcessStats? Process { get; init; }
    /// <summary>CPU per accepted command while the scenario drove: the host, the harness, and the rest of the machine.</summary>
    public CpuUse? Cpu { get; init; }
    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];
    public BaselineComparison? Baseline { get; init; }
    public required ReconciliationResult Reconciliation { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public sealed record ClientStats
{
    /// <summary>SignalR clients: the settle listener on "all" plus the --clients subscribers (mixed).</summary>
    public int Count { get; init; }
    public IReadOnlyList<ClientMessages> PerClient { get; init; } = [];
    public double MessagesPerClientMean { get; init; }
    public long MessagesPerClientMin { get; init; }
    public long MessagesPerClientMax { get; init; }
    public long Resyncs { get; init; }
}

public sealed record ClientMessages(string Name, string Scopes, long Messages, long Items, long Alerts);

public sealed record ProcessStats
{
    public int Pid { get; init; }
    public IReadOnlyList<ProcessSample> Samples { get; init; } = [];
    public long PeakRssBytes { get; init; }
    public double MeanCpuPercent { get; init; }
    public double MaxCpuPercent { get; init; }
    public string? Problem { get; init; }
}

/// <summary>One second of a scenario: commands answered in it, and the settle latency of the changes accepted in it.</summary>
public sealed record TimelinePoint
{
    public int Second { get; init; }
    public long Sent { get; init; }
    public long Accepted { get; init; }
    public long Errors { get; init; }
    public long Refused { get; init; }
    /// <summary>settledAt - acceptedAt of the changes accepted in this second.</summary>
    public Percentiles SettleMs { get; init; } = Percentiles.Empty;
}

public sealed record BaselineComparison
{
    public required BaselineResult InProcess { get; init; }
    public double LiveAcceptedPerSecond { get; init; }
    public double? LiveSettleP50Ms { get; init; }
    /// <summary>Live accepted rate over batch changes per second (above 1: the grains keep up with more than a batch recompute could).</summary>
    public double? ThroughputLiveVsBatch { get; init; }
    public double? ThroughputLiveVsIncremental { get; init; }
    /// <summary>Live settle p50 over the in-process p50 per change.</summary>
    public double? LatencyLiveVsBatch { get; init; }
    public double? LatencyLiveVsIncremental { get; init; }
    public string Note { get; init; } = "the live rate is the offered rate when the service keeps up (--rate); the in-process rates are what one core achieves replaying the same accepted stream";
}
