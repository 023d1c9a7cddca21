namespace Pmo.Grains.Propagation;

/// <summary>
/// When a grain's state is written. A command's own effect is written before the command is
/// answered (<see cref="NowAsync"/>): that is the durability contract. What a grain derives from
/// its peers (dates heard from predecessors, loads, roll-ups) can always be rebuilt by a resync, so
/// it is written behind (<see cref="Later"/>): many updates in a burst become one write, within
/// <see cref="Delay"/>, and propagation never waits for storage. On PostgreSQL that takes the write
/// out of every hop of a cascade, which is where settle time went.
/// </summary>
/// <remarks>
/// Loss window: derived state changed in the last <see cref="Delay"/> before a silo dies is lost
/// with it, and the resync that follows a silo's death or a restart rebuilds it. Versions come from
/// <see cref="VersionClock"/> (time-based), so a grain that reactivates from an older write still
/// sends versions newer than any it sent before.
/// The timer does not interleave, so a flush is a turn of its own; deactivation flushes too.
/// </remarks>
internal sealed class DerivedStateWrites(IGrainBase grain, Func<Task> write)
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private IGrainTimer? _timer;
    private bool _dirty;

    /// <summary>
    /// Writes a command's own effect now and derived state later, except that a change to the grain's
    /// alert book is always written now, before its entries are posted to the alert log: the log is
    /// durable, and a grain that came back from an older write would not know an alert the log holds
    /// open, so it could never resolve it (and its next raise would reuse the alert's id). Alert
    /// transitions are rare next to the figures that cross no threshold, so this costs little.
    /// </summary>
    public Task AfterChange(StateOrigin origin, bool alertsChanged)
    {
        if (origin == StateOrigin.Command || alertsChanged) return NowAsync();
        Later();
        return Task.CompletedTask;
    }

    /// <summary>Writes now, taking along anything derived that was waiting.</summary>
    public Task NowAsync()
    {
        _dirty = false;
        return write();
    }

    /// <summary>Writes within <see cref="Delay"/>, together with whatever else changes meanwhile.</summary>
    public void Later()
    {
        if (_dirty) return;
        _dirty = true;
        _timer ??= grain.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions
        {
            DueTime = Timeout.InfiniteTimeSpan,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = false,
            KeepAlive = true,
        });
        _timer.Change(Delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The state was cleared (a cancelled project): nothing waiting is to be written.</summary>
    public void Forget() => _dirty = false;

    public Task FlushAsync(CancellationToken _ = default) => _dirty ? FlushDerivedAsync() : Task.CompletedTask;

    private async Task FlushDerivedAsync()
    {
        // Marks this write as one that may wait (StateWriteLane); a command's own write never does.
        using (StateWriteLane.Derived())
            await NowAsync();
    }
}

/// <summary>
/// Which kind of state write is on its way to storage, for a storage provider that serves commands
/// first (Pmo.Host's StateBatchQueue): a burst of write-behind flushes from thousands of grains
/// must not queue ahead of the one write a waiting client's command needs. Flows with the async call.
/// </summary>
public static class StateWriteLane
{
    private static readonly AsyncLocal<bool> Flushing = new();

    /// <summary>True while a write-behind flush of derived state is being written.</summary>
    public static bool IsDerived => Flushing.Value;

    public static IDisposable Derived()
    {
        Flushing.Value = true;
        return new Reset();
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Flushing.Value = false;
    }
}

/// <summary>Whether a change to a grain's state is a command's own effect or derived from its peers.</summary>
internal enum StateOrigin
{
    /// <summary>Written before the command is answered.</summary>
    Command,

    /// <summary>Written behind; a resync rebuilds it.</summary>
    Derived,
}
