namespace Pmo.Contracts;

/// <summary>
/// Identifies one message of one change's propagation. Every effect of a command carries the
/// command's <see cref="ChangeId"/>; <see cref="MessageId"/> lets the change's coordinator tell
/// when every message the change caused has been handled (see IChangeGrain).
/// </summary>
[GenerateSerializer, Immutable, Alias("pmo.ripple")]
public sealed record Ripple
{
    /// <summary>The message id of the command itself; every change has exactly one root.</summary>
    public const long RootMessageId = 0;

    [Id(0)] public required string ChangeId { get; init; }
    [Id(1)] public long MessageId { get; init; }

    public static Ripple Root(string changeId) => new() { ChangeId = changeId, MessageId = RootMessageId };

    /// <summary>Change ids of resyncs start so: a resync retells figures, it is nobody's command.</summary>
    public const string ResyncPrefix = "c-resync-";

    public static bool IsResync(string? changeId) => changeId?.StartsWith(ResyncPrefix, StringComparison.Ordinal) == true;
}
