using Pmo.Grains.Hosting;

namespace Pmo.Host.Api;

/// <summary>
/// Refuses new commands while the changes this host already accepted are not settling in time, so
/// that overload shows up at once as <c>503</c> with <c>Retry-After</c> instead of as an unbounded
/// backlog of accepted work that settles minutes later.
/// </summary>
/// <remarks>
/// The signal is the age of the oldest change this host accepted that has not settled yet: whatever
/// the bottleneck (CPU, PostgreSQL, one busy grain), a growing backlog makes it grow. The host hears
/// of every settlement through live push (<see cref="Push.PushRouter"/>), so this costs no call.
/// A change whose settlement is never heard of (its silo died mid-propagation) would hold the gate
/// shut for good, so an entry older than <see cref="AdmissionOptions.GiveUpAfter"/> is forgotten.
/// Imports are not tracked: a large one legitimately takes seconds to settle and must not shut out
/// the slips behind it.
/// </remarks>
public sealed class CommandAdmission(AdmissionOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    // Acceptance order; entries whose change settled stay until they reach the head.
    private readonly Queue<(string ChangeId, long AcceptedAt)> _order = new();
    private readonly HashSet<string> _unsettled = new(StringComparer.Ordinal);

    /// <summary>Changes accepted here and not yet heard to have settled.</summary>
    public int Unsettled
    {
        get
        {
            lock (_gate) return _unsettled.Count;
        }
    }

    /// <summary>Whether a new command may be accepted now; when not, how long the caller should wait.</summary>
    public bool TryAdmit(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!options.Enabled) return true;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            TrimLocked(now);
            var full = _unsettled.Count >= options.MaxUnsettled;
            var late = _order.Count > 0 && time.GetElapsedTime(_order.Peek().AcceptedAt, now) > options.MaxSettleLag;
            if (!full && !late) return true;
        }
        retryAfter = options.RetryAfter;
        PmoMetrics.CommandsShed.Add(1);
        return false;
    }

    /// <summary>Starts watching a change the host is about to accept.</summary>
    public void Track(string changeId)
    {
        if (!options.Enabled) return;
        lock (_gate)
        {
            if (_unsettled.Add(changeId)) _order.Enqueue((changeId, time.GetTimestamp()));
        }
    }

    /// <summary>A change settled (any host's, as heard through live push); untracked ids are ignored.</summary>
    public void Settled(string changeId)
    {
        lock (_gate)
        {
            if (_unsettled.Remove(changeId)) TrimLocked(time.GetTimestamp());
        }
    }

    /// <summary>
    /// A silo died: changes accepted until now may have lost their messages with it and settle only once
    /// the resync that follows has (seconds later). Waiting for them would refuse every command meanwhile,
    /// so they are no longer waited for; commands accepted from now on are.
    /// </summary>
    public void SiloLost()
    {
        lock (_gate)
        {
            _unsettled.Clear();
            _order.Clear();
        }
    }

    private void TrimLocked(long now)
    {
        while (_order.Count > 0)
        {
            var (changeId, acceptedAt) = _order.Peek();
            if (_unsettled.Contains(changeId))
            {
                if (time.GetElapsedTime(acceptedAt, now) <= options.GiveUpAfter) return;
                _unsettled.Remove(changeId);
                PmoMetrics.ChangesUnheard.Add(1);
            }
            _order.Dequeue();
        }
    }
}

/// <summary>Configuration section <c>Pmo:Admission</c>; the README lists the defaults.</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Pmo:Admission";

    /// <summary>Off only for measuring what the service does without a bound.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Refuse while the oldest unsettled change accepted here is older than this. Half a second: what is
    /// accepted before the gate closes still has the backlog ahead of it, so settle times overshoot this
    /// by a few hundred milliseconds under overload, and the promise is a second.
    /// </summary>
    public TimeSpan MaxSettleLag { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Refuse while this many changes accepted here have not settled.</summary>
    public int MaxUnsettled { get; set; } = 2_000;

    /// <summary>What a refused caller is told to wait.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A change not heard to settle within this long is no longer waited for.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromSeconds(10);
}
