namespace Pmo.Grains.Alerts;

/// <summary>
/// Group commit for the alert log. Entries that arrive while a journal write is on its way wait
/// together and go in the next write, so a cascade that moves hundreds of alerts costs a few round
/// trips, not one per project in turn (the log is one grain, and a PostgreSQL append is a commit).
/// Entries are journaled in the order they were queued, which is seq order.
/// </summary>
/// <remarks>
/// Not thread-safe: the alert log grain calls it in its turns, and the continuations of its writes
/// run on the grain too. A write that fails fails every entry queued behind it as well, because their
/// seqs follow the failed ones; <paramref name="takeBack"/> is told how many entries, from the end of
/// the log, were never journaled.
/// </remarks>
public sealed class AlertJournalQueue(IAlertJournal journal, Action<int> takeBack)
{
    private List<AlertEntry> _queued = [];
    private TaskCompletionSource? _queuedJournaled;
    private bool _writing;

    /// <summary>Journal writes made so far.</summary>
    public int Writes { get; private set; }

    /// <summary>
    /// The seq of the last entry journaled (the log's end as storage has it). Reads interleave with
    /// appends that wait for their write, so a read must not look past it.
    /// </summary>
    public long JournaledThrough { get; set; }

    /// <summary>Completes when <paramref name="entries"/> are journaled; fails if they never will be.</summary>
    public Task Append(IReadOnlyList<AlertEntry> entries)
    {
        if (entries.Count == 0) return Task.CompletedTask;
        _queued.AddRange(entries);
        _queuedJournaled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var journaled = _queuedJournaled.Task;
        if (!_writing) _ = WriteQueuedAsync();
        return journaled;
    }

    private async Task WriteQueuedAsync()
    {
        _writing = true;
        while (_queued.Count > 0)
        {
            var (batch, journaled) = (_queued, _queuedJournaled!);
            (_queued, _queuedJournaled) = ([], null);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                Writes++;
                await journal.AppendAsync(batch);
                Hosting.PmoMetrics.JournalLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                JournaledThrough = batch[^1].Seq;
                journaled.SetResult();
            }
            catch (Exception e)
            {
                Hosting.PmoMetrics.JournalErrors.Add(1);
                takeBack(batch.Count + _queued.Count);
                journaled.SetException(e);
                _queuedJournaled?.SetException(e);
                (_queued, _queuedJournaled) = ([], null);
            }
        }
        _writing = false;
    }
}
