namespace Pmo.Grains.Propagation;

/// <summary>
/// Collects the messages one handler sends on behalf of a change, gives each a fresh message id,
/// and after the handler's state is saved, sends them and reports the handler done to the change's
/// coordinator. Saving before sending means a successor never hears of a command's effect its sender
/// could still lose (derived dates, loads and roll-ups may go first, <see cref="SendWhatNeedsNoSave"/>:
/// a resync rebuilds them); announcing the children in the same report that closes the parent is what
/// lets the coordinator detect settlement without a timer.
/// </summary>
internal sealed class Outbox(IGrainFactory grains, Ripple cause, string grainName)
{
    private readonly List<(Ripple Ripple, Func<Ripple, Task> Send, bool AfterSave)> _pending = [];
    private readonly List<long> _sent = [];

    public Ripple Cause => cause;

    public int AlertsRaised { get; set; }

    /// <summary>Queues a message; <paramref name="send"/> receives the message's own ripple.</summary>
    public void Post(Func<Ripple, Task> send) => Add(send, afterSave: false);

    /// <summary>
    /// Queues a message that must never leave before the handler's state is stored, even when the rest may
    /// (<see cref="SendWhatNeedsNoSave"/>): an alert transition, which the durable alert log must not hear of
    /// before the owner's alert book holds it.
    /// </summary>
    public void PostAfterSave(Func<Ripple, Task> send) => Add(send, afterSave: true);

    private void Add(Func<Ripple, Task> send, bool afterSave)
    {
        var child = cause with { MessageId = NextMessageId() };
        _pending.Add((child, send, afterSave));
    }

    /// <summary>
    /// A ripple for a call the handler awaits itself (the enterprise grain awaiting project grains);
    /// it is announced like a posted message when the handler reports.
    /// </summary>
    public Ripple Awaited()
    {
        var child = cause with { MessageId = NextMessageId() };
        _pending.Add((child, static _ => Task.CompletedTask, false));
        return child;
    }

    /// <summary>
    /// Sends now what derived state may send before it is stored (dates, loads, roll-ups: a resync rebuilds
    /// them); what was posted with <see cref="PostAfterSave"/>, and the report that closes this message, wait
    /// for <see cref="Flush"/>, so the change still settles only once the state is stored.
    /// </summary>
    public void SendWhatNeedsNoSave()
    {
        foreach (var (ripple, send, _) in _pending.Where(p => !p.AfterSave))
        {
            _sent.Add(ripple.MessageId);
            _ = send(ripple);
        }
        _pending.RemoveAll(p => !p.AfterSave);
    }

    public void Flush()
    {
        foreach (var (ripple, send, _) in _pending)
        {
            _sent.Add(ripple.MessageId);
            // One-way calls complete at once; awaiting them would only add a turn.
            _ = send(ripple);
        }
        _pending.Clear();
        grains.GetGrain<IChangeGrain>(cause.ChangeId).Completed(cause.MessageId, [.. _sent], grainName, AlertsRaised, lastAlertSeq: 0);
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
