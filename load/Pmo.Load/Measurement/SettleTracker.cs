using System.Collections.Concurrent;

namespace Pmo.Load.Measurement;

/// <summary>How one accepted change settled, from both sides.</summary>
public sealed record ChangeResult
{
    public required string ChangeId { get; init; }
    public required string Kind { get; init; }
    /// <summary>When the harness read the 202, on <see cref="RunClock"/>.</summary>
    public TimeSpan AcceptedAt { get; init; }
    /// <summary>settledAt - acceptedAt from the service's own timestamps.</summary>
    public double? ServiceMs { get; init; }
    /// <summary>From the 202 to the harness learning that the change settled (push, or a poll).</summary>
    public double? ClientMs { get; init; }
    /// <summary>"push", "poll", or "none" when it never settled.</summary>
    public required string Source { get; init; }
    public int GrainsTouched { get; init; }
    public int AlertsRaised { get; init; }
    public double? AlertMs { get; init; }
}

/// <summary>
/// Learns when each accepted change settles: from changeSettled pushed to a client subscribed to
/// "all", falling back to polling GET /api/changes/{id} for those no push reported within a
/// second (a client that fell behind is told to resync and may lose settlements). After the run
/// it reads every change's status once for the service's own acceptedAt and settledAt.
/// </summary>
public sealed class SettleTracker(ServiceClient client, PushObservations observations)
{
    private static readonly TimeSpan PollAfter = TimeSpan.FromMilliseconds(300);
    // Once pushes have plainly stopped, waiting a second before each poll would only measure the wait.
    private static readonly TimeSpan PollAfterWithoutPush = TimeSpan.FromMilliseconds(20);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Registered => _entries.Count;

    public void Register(AcceptedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _entries.TryAdd(change.ChangeId, new Entry(change));
    }

    public int Unsettled => _entries.Values.Count(e => !IsSettled(e));

    /// <summary>Changes that settled (by GET) whose changeSettled never reached a client subscribed to "all".</summary>
    public IReadOnlyList<string> SettledWithoutPush =>
        [.. _entries.Values.Where(e => e.PolledAt is not null && !observations.Settled.ContainsKey(e.Change.ChangeId)).Select(e => e.Change.ChangeId)];

    /// <summary>True when a fair number of changes settled by poll and not one settlement was pushed.</summary>
    public bool PushesStopped => observations.Settled.IsEmpty && _entries.Values.Count(e => e.PolledAt is not null) >= 10;

    /// <summary>Gives late pushes a moment to arrive for changes a poll saw settle first.</summary>
    public async Task WaitForLatePushesAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var until = RunClock.Now + patience;
        while (RunClock.Now < until && SettledWithoutPush.Count > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls, during the run, the changes that no push has reported for a while.</summary>
    public async Task PollLateAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var pushesStopped = PushesStopped;
                await PollRoundAsync(pushesStopped ? PollAfterWithoutPush : PollAfter, pushesStopped ? 256 : 64, pushesStopped ? 8 : 4, cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(pushesStopped ? 20 : 250), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Waits until every registered change has settled or the deadline passes; returns how many have not.</summary>
    public async Task<int> DrainAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = RunClock.Now + deadline;
        var grace = RunClock.Now + TimeSpan.FromMilliseconds(500);
        while (RunClock.Now < until)
        {
            if (Unsettled == 0) return 0;
            // Pushes usually arrive within milliseconds; polling everything at once would only add load.
            await PollRoundAsync(RunClock.Now < grace ? PollAfter : TimeSpan.Zero, 512, 16, cancellationToken).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
        return Unsettled;
    }

    /// <summary>Reads GET /api/changes/{id} for every settled change whose service timestamps are not known yet.</summary>
    public async Task FetchStatusesAsync(CancellationToken cancellationToken)
    {
        var missing = _entries.Values.Where(e => e.Status is null && IsSettled(e)).ToList();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                try
                {
                    if (await client.GetChangeAsync(entry.Change.ChangeId, token).ConfigureAwait(false) is { } status) entry.Status = status;
                }
                catch (HttpRequestException)
                {
                    // Reported as a change without service timestamps.
                }
            }).ConfigureAwait(false);
    }

    public List<ChangeResult> Results() =>
        [.. _entries.Values.OrderBy(e => e.Change.AcceptedAt).Select(e =>
        {
            var change = e.Change;
            observations.Settled.TryGetValue(change.ChangeId, out var pushed);
            var status = e.Status;
            double? service = status is { Settled: true, AcceptedAt: { } a, SettledAt: { } s } ? (s - a).TotalMilliseconds : null;
            double? clientMs = pushed is not null ? Positive(pushed.ArrivedAt - change.AcceptedAt)
                : e.PolledAt is { } polled ? Positive(polled - change.AcceptedAt) : null;
            double? alertMs = observations.FirstAlert.TryGetValue(change.ChangeId, out var alertAt) ? Positive(alertAt - change.AcceptedAt) : null;
            return new ChangeResult
            {
                ChangeId = change.ChangeId,
                Kind = change.Kind,
                AcceptedAt = change.AcceptedAt,
                ServiceMs = service,
                ClientMs = clientMs,
                Source = pushed is not null ? "push" : e.PolledAt is not null ? "poll" : "none",
                GrainsTouched = status?.GrainsTouched ?? pushed?.GrainsTouched ?? 0,
                AlertsRaised = status?.AlertsRaised ?? pushed?.AlertsRaised ?? 0,
                AlertMs = alertMs,
            };
        })];

    private bool IsSettled(Entry entry) => entry.PolledAt is not null || observations.Settled.ContainsKey(entry.Change.ChangeId);

    private async Task PollRoundAsync(TimeSpan olderThan, int batch, int parallelism, CancellationToken cancellationToken)
    {
        var now = RunClock.Now;
        var due = _entries.Values
            .Where(e => !IsSettled(e) && now - e.Change.AcceptedAt >= olderThan && (e.LastPolled == TimeSpan.Zero || now - e.LastPolled >= TimeSpan.FromMilliseconds(200)))
            .Take(batch)
            .ToList();
        if (due.Count == 0) return;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                entry.LastPolled = RunClock.Now;
                try
                {
                    var status = await client.GetChangeAsync(entry.Change.ChangeId, token).ConfigureAwait(false);
                    if (status is { Settled: true })
                    {
                        entry.Status = status;
                        entry.PolledAt = RunClock.Now;
                    }
                }
                catch (HttpRequestException)
                {
                    // Polled again next round.
                }
            }).ConfigureAwait(false);
    }

    private static double Positive(TimeSpan span) => Math.Max(0, span.TotalMilliseconds);

    private sealed class Entry(AcceptedChange change)
    {
        public AcceptedChange Change { get; } = change;
        public ChangeStatusDto? Status { get; set; }
        public TimeSpan? PolledAt { get; set; }
        public TimeSpan LastPolled { get; set; } = TimeSpan.Zero;
    }
}
