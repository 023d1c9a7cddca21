namespace Pmo.Contracts;

/// <summary>
/// Coordinator of one change (keyed by changeId): detects when every effect has been applied.
/// Termination detection by message accounting: the handler of each message reports the ids
/// of the messages it sent before it reports itself done. The change has settled when every
/// message ever announced has been reported done and every message reported done had been
/// announced by its sender. A child's report may overtake its parent's announcement; the second
/// condition keeps that from looking like settlement.
/// </summary>
[Alias("pmo.change")]
public interface IChangeGrain : IGrainWithStringKey
{
    /// <summary>Called by the API once the command has been accepted.</summary>
    [Alias("accept")] Task Accept(DateTimeOffset acceptedAt);

    /// <summary>Accepted, with who sent it and what it named (so that a reader's scope can be judged).</summary>
    [Alias("accept-from")] Task Accept(DateTimeOffset acceptedAt, ChangeOrigin origin);

    /// <summary>A message of this change has been handled; <paramref name="sent"/> are the messages it caused;
    /// <paramref name="lastAlertSeq"/> is the largest alert seq it logged (0 for none).</summary>
    [OneWay, Alias("completed")]
    Task Completed(long messageId, [Immutable] long[] sent, string grain, int alertsRaised, long lastAlertSeq);

    [Alias("status")] Task<ChangeStatus?> GetStatus();

    /// <summary>A project's finish moved under this change (for the trace; not part of the accounting).</summary>
    [OneWay, Alias("moved")] Task ProjectMoved(string projectId, DateOnly from, DateOnly to);

    /// <summary>Alert log entries this change produced (for the trace; not part of the accounting).</summary>
    [OneWay, Alias("alerts")] Task AlertsLogged([Immutable] AlertEntry[] entries);

    /// <summary>What the change touched: grains, project moves, alerts raised or resolved.</summary>
    [Alias("trace")] Task<ChangeTrace?> GetTrace();
}

[GenerateSerializer, Immutable, Alias("pmo.project-move")]
public sealed record ProjectMove
{
    [Id(0)] public required string ProjectId { get; init; }
    [Id(1)] public DateOnly From { get; init; }
    [Id(2)] public DateOnly To { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.change-trace")]
public sealed record ChangeTrace
{
    [Id(0)] public required ChangeStatus Status { get; init; }
    /// <summary>Grains that handled a message of the change, as "project/{id}", "resource/{id}", "portfolio/{id}"...</summary>
    [Id(1)] public required string[] Grains { get; init; }
    /// <summary>Each project whose finish moved: from its finish before the change to its last finish under it.</summary>
    [Id(2)] public required ProjectMove[] Moves { get; init; }
    [Id(3)] public required AlertEntry[] Alerts { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.change-status")]
public sealed record ChangeStatus
{
    [Id(0)] public required string ChangeId { get; init; }
    [Id(1)] public required string Status { get; init; }
    [Id(2)] public int GrainsTouched { get; init; }
    [Id(3)] public int AlertsRaised { get; init; }
    [Id(4)] public DateTimeOffset AcceptedAt { get; init; }
    [Id(5)] public DateTimeOffset? SettledAt { get; init; }
    /// <summary>The <c>sub</c> of whoever sent the command (null for the demo, recovery, or an unauthenticated host).</summary>
    [Id(6)] public string? By { get; init; }
    /// <summary>What the command named (<c>project:{id}</c>, <c>portfolio:{id}</c>); empty for an import or a
    /// resource move, whose change only <c>pmo</c> may read. Not part of the answer.</summary>
    [Id(7), System.Text.Json.Serialization.JsonIgnore] public string[] Subjects { get; init; } = [];
}

/// <summary>Who sent a command and what it named.</summary>
[GenerateSerializer, Immutable, Alias("pmo.change-origin")]
public sealed record ChangeOrigin
{
    [Id(0)] public string? By { get; init; }
    [Id(1)] public string[] Subjects { get; init; } = [];
}
