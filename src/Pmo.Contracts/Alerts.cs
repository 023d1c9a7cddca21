using Pmo.Domain.Alerts;

namespace Pmo.Contracts;

/// <summary>An alert state change as its owner grain reports it; the log gives it a sequence number.</summary>
[GenerateSerializer, Immutable, Alias("pmo.alert-draft")]
public sealed record AlertDraft
{
    [Id(0)] public required AlertTransition Transition { get; init; }
    [Id(1)] public required string[] PortfolioIds { get; init; }
    [Id(2)] public required string[] ProjectIds { get; init; }
    [Id(3)] public required string[] ResourceIds { get; init; }
    [Id(4)] public DateTimeOffset At { get; init; }
    /// <summary>The owner's <see cref="AlertBook.Revision"/> when it drafted this: the log ignores what is older
    /// than what it already heard of the alert.</summary>
    [Id(5)] public long Revision { get; init; }
}

/// <summary>An entry of the alert log (CONTRACT.md "Alerts").</summary>
[GenerateSerializer, Immutable, Alias("pmo.alert")]
public sealed record AlertEntry
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public required string Id { get; init; }
    [Id(2)] public required string Kind { get; init; }
    [Id(3)] public required string Severity { get; init; }
    [Id(4)] public required string State { get; init; }
    [Id(5)] public required string Subject { get; init; }
    [Id(6)] public required string[] PortfolioIds { get; init; }
    [Id(7)] public required string[] ProjectIds { get; init; }
    [Id(8)] public required string[] ResourceIds { get; init; }
    [Id(9)] public required string Message { get; init; }
    [Id(10)] public required string ChangeId { get; init; }
    [Id(11)] public DateTimeOffset At { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.alert-page")]
public sealed record AlertPage
{
    [Id(0)] public required AlertEntry[] Items { get; init; }
    [Id(1)] public long LastSeq { get; init; }
}
