using System.Collections.Concurrent;

namespace Pmo.Load.Measurement;

/// <summary>An accepted command: its change, and when the harness read the 202 (on <see cref="RunClock"/>).</summary>
public sealed record AcceptedChange(string ChangeId, string Kind, TimeSpan AcceptedAt, IPmoCommand? Change);

/// <summary>Commands sent, accepted, refused (load shed) and failed during one scenario, per kind and per second.</summary>
public sealed class CommandLog(TimeSpan start)
{
    private readonly object _gate = new();
    private readonly List<AcceptedChange> _accepted = [];
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _kinds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, SecondCounts> _seconds = new();
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private readonly LatencyHistogram _response = new();
    private long _sent;
    private long _refused;

    public TimeSpan Start { get; } = start;

    /// <summary>Raised once per accepted command, on the thread that read its answer.</summary>
    public event Action<AcceptedChange>? Accepted;

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>From sending a command to reading its answer, whatever the answer was.</summary>
    public Percentiles ResponseMs => _response.Summary();

    public long AcceptedCount
    {
        get { lock (_gate) return _accepted.Count; }
    }

    public long ErrorCount => _errors.Values.Sum();

    /// <summary>Commands the service turned away with 503 or 429 and Retry-After: load shed, not failures.</summary>
    public long RefusedCount => Interlocked.Read(ref _refused);

    public IReadOnlyDictionary<string, long> ErrorsByKind => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> CommandsByKind => new SortedDictionary<string, long>(_kinds, StringComparer.Ordinal);

    /// <summary>The first few refusals, with the service's detail, for the report.</summary>
    public IReadOnlyList<string> ErrorSamples => [.. _errorSamples];

    public IReadOnlyList<AcceptedChange> AcceptedChanges
    {
        get { lock (_gate) return [.. _accepted]; }
    }

    /// <summary>Per second since <see cref="Start"/>: commands sent, accepted, failed and refused.</summary>
    public IReadOnlyList<(int Second, long Sent, long Accepted, long Errors, long Refused)> Timeline =>
        [.. _seconds.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value.Sent, kv.Value.Accepted, kv.Value.Errors, kv.Value.Refused))];

    public void Record(string kind, CommandOutcome outcome, IPmoCommand? change)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Interlocked.Increment(ref _sent);
        _response.Record(outcome.AnsweredAt - outcome.SentAt);
        _kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        var second = _seconds.GetOrAdd(Math.Max(0, (int)(outcome.AnsweredAt - Start).TotalSeconds), _ => new SecondCounts());
        Interlocked.Increment(ref second.Sent);
        if (outcome.Accepted)
        {
            Interlocked.Increment(ref second.Accepted);
            var accepted = new AcceptedChange(outcome.ChangeId!, kind, outcome.AnsweredAt, change);
            lock (_gate) _accepted.Add(accepted);
            Accepted?.Invoke(accepted);
            return;
        }
        if (outcome.Refused)
        {
            Interlocked.Increment(ref second.Refused);
            Interlocked.Increment(ref _refused);
            return;
        }
        Interlocked.Increment(ref second.Errors);
        _errors.AddOrUpdate(outcome.ErrorKind ?? "unknown", 1, (_, n) => n + 1);
        if (_errorSamples.Count < 20) _errorSamples.Enqueue($"{kind}: {outcome.ErrorKind} {outcome.Detail}");
    }

    private sealed class SecondCounts
    {
        public long Sent;
        public long Accepted;
        public long Errors;
        public long Refused;
    }
}
