using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
/// <para>
/// A flush serialises the state in a turn of its own (the timer does not interleave, so no command is
/// half applied) and then lets the grain go on while the write is on its way: a busy grain such as a
/// portfolio that hears from every project would otherwise stop for a storage round trip each
/// second. Writes of one grain never overlap: each waits for the one before it (<see cref="_inFlight"/>),
/// because each carries the version the one before it returned (the ETag). Deactivation waits for
/// the last one and flushes what is left.
/// </para>
/// </remarks>
internal sealed partial class DerivedStateWrites(IGrainBase grain, Func<Task> write)
{
    /// <summary>
    /// Five seconds: in a cascade every project it crosses changes several times a second, and on PostgreSQL
    /// (sharing the silos' cores) each write of a 10 KB state costs CPU the propagation needs. At M, 24
    /// cascades in flight, 1 s gave 28 accepted/s and 5 s gave 39/s; the loss window is rebuilt by the resync
    /// either way.
    /// </summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    private const ConfigureAwaitOptions OnTheGrain = ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing;

    private IGrainTimer? _timer;
    private bool _dirty;
    private Task _inFlight = Task.CompletedTask;
    // Counts clears: a flush that failed before its state was cleared is not tried again.
    private int _clears;

    /// <summary>
    /// Writes a command's own effect now and derived state later, except what a resync could not rebuild,
    /// which <paramref name="writeNow"/> marks: a change to the grain's alert book, written before its
    /// entries are posted to the durable alert log (a grain that came back from an older write would not
    /// know an alert the log holds open, so it could never resolve it, and its next raise would reuse the
    /// alert's id); and a project's baseline at the moment it stops following its import (a resync would
    /// let it follow again). Both are rare next to the figures that cross no threshold.
    /// </summary>
    private Task AfterChange(StateOrigin origin, bool writeNow)
    {
        if (origin == StateOrigin.Command || writeNow) return NowAsync();
        Later();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Saves as <see cref="AfterChange"/> says, then sends what the change posted (the outbox's messages
    /// and its report to the change). A command's turn waits for its write: its answer must not come before
    /// its effect is stored. A change derived from a peer that must be written at once waits for the write
    /// neither with its grain nor with what it tells its peers: the grain takes its next message meanwhile,
    /// and dates, loads and roll-ups (derived, rebuilt by a resync) go at once, so a cascade does not stop for
    /// a storage round trip at every project whose alerts or baseline move. Only its alert posts and its
    /// report to the change wait, so the change still settles only once the write is stored. Receivers take
    /// dates, loads and roll-ups by version, so a later message that overtakes these loses nothing, and the
    /// grain's writes (and so its alert posts, which follow them) keep their order.
    /// </summary>
    public Task SaveThenSend(StateOrigin origin, bool writeNow, Outbox outbox)
    {
        var saved = AfterChange(origin, writeNow);
        if (saved.IsCompletedSuccessfully)
        {
            outbox.Flush();
            return Task.CompletedTask;
        }
        if (origin == StateOrigin.Command) return SendWhenSaved(saved, outbox);
        // Peers hear derived dates, loads and roll-ups at once; alert posts and the report wait for the write.
        outbox.SendWhatNeedsNoSave();
        _ = LogIfFailed(SendWhenSaved(saved, outbox));
        return Task.CompletedTask;
    }

    private static async Task SendWhenSaved(Task saved, Outbox outbox)
    {
        await saved;
        outbox.Flush();
    }

    private async Task LogIfFailed(Task sending)
    {
        try
        {
            await sending;
        }
        catch (Exception e)
        {
            // As when a handler's own write fails: nothing is sent, the change stays open, and the next
            // resync (or the next change that reaches this grain) tells the peers again.
            Log.SaveFailed(Logger, e, grain.GrainContext.GrainId);
        }
    }

    /// <summary>Writes now (after any write still on its way), taking along anything derived that was waiting.</summary>
    public Task NowAsync()
    {
        _dirty = false;
        return _inFlight = AfterInFlight(_inFlight, write);
    }

    /// <summary>Clears the stored state (a cancelled project) after any write on its way; nothing waiting is written.</summary>
    public Task ClearAsync(Func<Task> clear)
    {
        _dirty = false;
        _clears++;
        return _inFlight = AfterInFlight(_inFlight, clear);
    }

    /// <summary>Writes within <see cref="Delay"/>, together with whatever else changes meanwhile.</summary>
    public void Later()
    {
        if (_dirty) return;
        _dirty = true;
        _timer ??= grain.RegisterGrainTimer(StartFlush, new GrainTimerCreationOptions
        {
            DueTime = Timeout.InfiniteTimeSpan,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = false,
            KeepAlive = true,
        });
        _timer.Change(Delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>On deactivation: waits for the write on its way, then writes what is still waiting.</summary>
    public async Task FlushAsync(CancellationToken cancellation = default)
    {
        await _inFlight.ConfigureAwait(OnTheGrain);
        if (_dirty) await Flush();
    }

    // If the previous write is done (the usual case) the next one starts at once, in this turn, so
    // the state it serialises is the state of this turn.
    private static async Task AfterInFlight(Task previous, Func<Task> next)
    {
        await previous.ConfigureAwait(OnTheGrain);
        await next();
    }

    private Task StartFlush(CancellationToken cancellation)
    {
        if (!_dirty) return Task.CompletedTask;
        _ = RetryIfFailed(Flush(), _clears);
        return Task.CompletedTask;
    }

    private Task Flush()
    {
        // Marks this write as one that may wait (StateWriteLane); a command's own write never does.
        using (StateWriteLane.Derived())
            return NowAsync();
    }

    private async Task RetryIfFailed(Task flush, int clears)
    {
        try
        {
            await flush;
        }
        catch (Exception e) when (clears == _clears)
        {
            // Storage refused or failed: the state is still only in memory, so try again.
            Log.FlushFailed(Logger, e, grain.GrainContext.GrainId, Delay);
            Later();
        }
        catch (Exception)
        {
            // The state was cleared meanwhile: there is nothing left to write.
        }
    }

    private ILogger Logger => grain.GrainContext.ActivationServices.GetRequiredService<ILogger<DerivedStateWrites>>();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the derived state of {Grain} failed; trying again in {Delay}")]
        public static partial void FlushFailed(ILogger logger, Exception exception, GrainId grain, TimeSpan delay);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the state of {Grain} failed; what it would have sent waits for a resync")]
        public static partial void SaveFailed(ILogger logger, Exception exception, GrainId grain);
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
