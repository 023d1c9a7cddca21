using Pmo.Grains.Enterprise;

namespace Pmo.Grains.Tests;

/// <summary>
/// The parts that let structural commands interleave: the journal's group commit (<see cref="StructureWrites"/>),
/// the per-grain lanes that keep what one grain hears in journal order (<see cref="GrainLanes"/>), and the gate
/// an import closes (<see cref="StructureGate"/>).
/// </summary>
public sealed class StructureWritesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Entries_queued_behind_a_held_write_go_in_one_write_and_a_long_journal_is_written_into_the_catalog()
    {
        var (catalog, journal) = (new HeldState<EnterpriseState>(), new HeldState<StructureJournal>());
        var writes = new StructureWrites(catalog, journal, compactAfter: 4, broken: () => Assert.Fail("nothing failed"));

        journal.HoldNext();
        var first = writes.Append(Move("p1"));
        var behind = new[] { writes.Append(Move("p2")), writes.Append(Move("p3")) };
        Assert.False(first.IsCompleted);
        journal.Release();
        await Task.WhenAll([first, .. behind]).WaitAsync(Deadline);
        Assert.Equal([[1L], [1L, 2L, 3L]], journal.Written.Select(j => j.Entries.Select(e => e.Seq).ToArray()));

        // The fourth entry reaches compactAfter: the catalog is written whole through seq 4, the journal emptied.
        await writes.Append(Move("p4")).WaitAsync(Deadline);
        Assert.Equal(4, catalog.Written.Single().JournalThrough);
        Assert.Empty(journal.Written[^1].Entries);
        Assert.Equal(3, writes.Writes);
    }

    [Fact]
    public async Task A_failed_write_fails_what_queued_behind_it_and_marks_the_structure_broken()
    {
        var (catalog, journal) = (new HeldState<EnterpriseState>(), new HeldState<StructureJournal>());
        var brokenCalls = 0;
        var writes = new StructureWrites(catalog, journal, compactAfter: 256, broken: () => brokenCalls++);

        journal.HoldNext(fail: true);
        var first = writes.Append(Move("p1"));
        var behind = writes.Append(Move("p2"));
        journal.Release();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first.WaitAsync(Deadline));
        await Assert.ThrowsAsync<InvalidOperationException>(() => behind.WaitAsync(Deadline));
        Assert.True(writes.Broken);
        Assert.Equal(1, brokenCalls);
        // Nothing is written after the failure, not even an entry that came later.
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => writes.Append(Move("p3")).WaitAsync(Deadline));
        Assert.Empty(journal.Written);
    }

    [Fact]
    public Task Work_in_one_lane_runs_in_order_and_other_lanes_do_not_wait_for_it() =>
        // One turn at a time, as in the grain that owns the lanes.
        Task.Factory.StartNew(LanesInOrder, CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();

    private static async Task LanesInOrder()
    {
        var lanes = new GrainLanes();
        var firstGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<string>();

        var first = lanes.Run(["project:p1"], async () => { await firstGate.Task; ran.Add("p1 first"); throw new InvalidOperationException("the first move failed"); });
        var second = lanes.Run(["project:p1"], () => { ran.Add("p1 second"); return Task.CompletedTask; });
        var other = lanes.Run(["project:p2"], () => { ran.Add("p2"); return Task.CompletedTask; });

        await other.WaitAsync(Deadline);
        Assert.False(second.IsCompleted);
        firstGate.SetResult();
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.WaitAsync(Deadline));
        await second.WaitAsync(Deadline);
        Assert.Equal(["p2", "p1 first", "p1 second"], ran);
        Assert.Equal(0, lanes.Busy);
    }

    [Fact]
    public async Task A_closed_gate_waits_for_the_commands_inside_holds_new_ones_and_opens_after_its_last_hold()
    {
        var broken = false;
        var gate = new StructureGate(() => broken);
        await gate.EnterAsync();

        var closing = gate.CloseAsync();
        Assert.False(closing.IsCompleted);
        var waiting = gate.EnterAsync();
        gate.Leave();
        await closing.WaitAsync(Deadline);
        Assert.False(waiting.IsCompleted);

        await gate.CloseAsync().WaitAsync(Deadline);   // a second hold (a resync between an import and its definitions)
        gate.Open();
        Assert.False(waiting.IsCompleted);
        gate.Open();
        await waiting.WaitAsync(Deadline);
        gate.Leave();

        broken = true;
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => gate.EnterAsync());
    }

    private static StructureEntry Move(string project) => new() { Action = StructureAction.MoveProject, ProjectId = project, PortfolioId = "b" };

    /// <summary>A persistent state that records a copy of each written state and can hold (or fail) its next write.</summary>
    private sealed class HeldState<T> : IPersistentState<T> where T : new()
    {
        private TaskCompletionSource? _release;
        private bool _holdNext;
        private bool _fail;

        public T State { get; set; } = new();
        public string? Etag { get; private set; }
        public bool RecordExists { get; private set; }
        public List<T> Written { get; } = [];

        public void HoldNext(bool fail = false) => (_release, _holdNext, _fail) = (new TaskCompletionSource(), true, fail);
        public void Release() => _release!.SetResult();

        public async Task WriteStateAsync()
        {
            // Copied when the write is called, as both providers serialise the state then.
            var copy = System.Text.Json.JsonSerializer.Deserialize<T>(System.Text.Json.JsonSerializer.Serialize(State))!;
            if (_holdNext)
            {
                _holdNext = false;
                await _release!.Task;
                if (_fail) throw new InvalidOperationException("storage is down");
            }
            Written.Add(copy);
            RecordExists = true;
        }

        public Task ReadStateAsync() => Task.CompletedTask;
        public Task ClearStateAsync() => Task.CompletedTask;
    }
}
