namespace Pmo.Host.Push;

/// <summary>Live push settings (configuration section "Pmo:Push").</summary>
public sealed class PushOptions
{
    /// <summary>How long a client's pushes gather before they go out as one batch per event type.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Items a client may owe before it is told to resync instead.</summary>
    public int MaxPendingPerClient { get; set; } = 5_000;

    /// <summary>Scopes one connection may subscribe to.</summary>
    public int MaxScopesPerClient { get; set; } = 200;

    /// <summary>How long an out-of-order alert waits for the ones before it before the host reads them from the log.</summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often the host compares what it dispatched with the log's newest entry.</summary>
    public TimeSpan TailCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
