namespace Pmo.Grains.Propagation;

/// <summary>
/// Collects the messages one handler sends on behalf of a change, gives each a fresh message id,
/// and after the handler's state is saved, sends them and reports the handler done to the change's
/// coordinator. Saving before sending means a successor never hears of a state its sender could
/// still lose; announcing the children in the same report that closes the parent is what lets the
/// coordinator detect settlement without a timer.
/// </summary>
internal sealed class Outbox(IGrainFactory grains, Ripple cause, string grainName)
{
    private readonly List<(Ripple Ripple, Func<Ripple, Task> Send)> _pending = [];

    public Ripple Cause => cause;

    public int AlertsRaised { get; set; }

    /// <summary>Queues a message; <paramref name="send"/> receives the message's own ripple.</summary>
    public void Post(Func<Ripple, Task> send)
    {
        var child = cause with { MessageId = NextMessageId() };
        _pending.Add((child, send));
    }

    /// <summary>
    /// A ripple for a call the handler awaits itself (the enterprise grain awaiting project grains);
    /// it is announced like a posted message when the handler reports.
    /// </summary>
    public Ripple Awaited()
    {
        var child = cause with { MessageId = NextMessageId() };
        _pending.Add((child, static _ => Task.CompletedTask));
        return child;
    }

    public void Flush()
    {
        var sent = new long[_pending.Count];
        for (var i = 0; i < _pending.Count; i++)
        {
            sent[i] = _pending[i].Ripple.MessageId;
            // One-way calls complete at once; awaiting them would only add a turn.
            _ = _pending[i].Send(_pending[i].Ripple);
        }
        _pending.Clear();
        grains.GetGrain<IChangeGrain>(cause.ChangeId).Completed(cause.MessageId, sent, grainName, AlertsRaised, lastAlertSeq: 0);
    }

    // Ids only need to be unique within one change; 63 random bits make a clash negligible
    // even for changes that fan out to every grain of an XL enterprise.
    private static long NextMessageId()
    {
        long id;
        do id = Random.Shared.NextInt64(1, long.MaxValue);
        while (id == Ripple.RootMessageId);
        return id;
    }
}
