using Pmo.Grains.Alerts;

namespace Pmo.Grains.Tests;

/// <summary>
/// The alert log's group commit: what arrives while a journal write is on its way goes together in the
/// next write, in seq order; a failed write fails what queued behind it too and says how much to take back.
/// </summary>
public sealed class AlertJournalQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Entries_that_arrive_while_a_write_is_held_go_together_in_the_next_write_in_seq_order()
    {
        var journal = new HeldJournal();
        var queue = new AlertJournalQueue(journal, _ => Assert.Fail("nothing failed"));

        var first = queue.Append([Entry(1)]);
        await journal.FirstWriteStarted.WaitAsync(Deadline);
        var later = new[] { queue.Append([Entry(2), Entry(3)]), queue.Append([Entry(4)]), queue.Append([Entry(5)]) };
        Assert.False(first.IsCompleted);
        // Reads stop at the journaled end: nothing is journaled while the first write is held.
        Assert.Equal(0, queue.JournaledThrough);

        journal.ReleaseFirst();
        await Task.WhenAll([first, .. later]).WaitAsync(Deadline);

        Assert.Equal(5, queue.JournaledThrough);
        Assert.Equal(2, queue.Writes);
        Assert.Equal([[1L], [2L, 3L, 4L, 5L]], journal.Written);
    }

    [Fact]
    public async Task A_failed_write_fails_the_entries_queued_behind_it_and_names_how_many_to_take_back()
    {
        var journal = new HeldJournal { FailFirst = true };
        var takenBack = new List<int>();
        var queue = new AlertJournalQueue(journal, takenBack.Add);

        var first = queue.Append([Entry(1), Entry(2)]);
        await journal.FirstWriteStarted.WaitAsync(Deadline);
        var behind = queue.Append([Entry(3)]);

        journal.ReleaseFirst();
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.WaitAsync(Deadline));
        await Assert.ThrowsAsync<InvalidOperationException>(() => behind.WaitAsync(Deadline));
        Assert.Equal([3], takenBack);
        Assert.Empty(journal.Written);
        Assert.Equal(0, queue.JournaledThrough);

        // The queue goes on: the next entries are journaled on their own.
        await queue.Append([Entry(1)]).WaitAsync(Deadline);
        Assert.Equal([[1L]], journal.Written);
    }

    private static AlertEntry Entry(long seq) => new()
    {
        Seq = seq, Id = $"a{seq}", Kind = "ScheduleSlip", Severity = "warning", State = "raised", Subject = $"project:p{seq}",
        PortfolioIds = ["pf"], ProjectIds = [$"p{seq}"], ResourceIds = [], Message = "late", ChangeId = "c-1",
    };

    /// <summary>Holds its first write until released (and can fail it); later writes go straight through.</summary>
    private sealed class HeldJournal : IAlertJournal
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public bool FailFirst { get; init; }
        public List<long[]> Written { get; } = [];
        public Task FirstWriteStarted => _started.Task;

        public void ReleaseFirst() => _release.TrySetResult();

        public async Task AppendAsync(IReadOnlyList<AlertEntry> entries, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                _started.TrySetResult();
                await _release.Task;
                if (FailFirst) throw new InvalidOperationException("the journal is down");
            }
            lock (Written) Written.Add([.. entries.Select(e => e.Seq)]);
        }

        public Task<IReadOnlyList<AlertEntry>> ReadAllAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AlertEntry>>([]);
    }
}
