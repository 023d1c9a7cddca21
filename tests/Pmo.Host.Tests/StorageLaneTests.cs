using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Pmo.Grains.Hosting;
using Pmo.Grains.Propagation;
using Pmo.Host.Storage;

namespace Pmo.Host.Tests;

/// <summary>
/// Write-behind flushes have a storage lane of their own: when they fill it, a command's own write
/// (what a waiting client needs) still goes straight through; and what waits in a lane goes together.
/// </summary>
public sealed class StorageLaneTests
{
    private static readonly IActivatorProvider Activators =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    [Fact]
    public async Task A_command_write_is_not_queued_behind_flushes_that_fill_their_lane()
    {
        var batches = new GatedBatches();
        await using var queue = new StateBatchQueue(batches, new StateBatching { MaxBatch = 1, CommandLoops = 1, DerivedLoops = 1, CommandCapacity = 16, DerivedCapacity = 16 });
        var storage = Storage(queue);

        var firstFlush = Flush(storage, "a");
        var secondFlush = Flush(storage, "b");
        await batches.Started("a");
        Assert.False(batches.HasStarted("b"), "the second flush should wait for the derived lane");

        var command = storage.WriteStateAsync("project", Grain("c"), new GrainState<string> { State = "slip" });
        await batches.Started("c");
        Assert.False(batches.HasStarted("b"), "the second flush should still wait");

        batches.Release("c");
        await command;
        batches.Release("a");
        await firstFlush;
        await batches.Started("b");
        batches.Release("b");
        await secondFlush;
    }

    [Fact]
    public async Task Command_writes_that_wait_for_a_busy_loop_go_together_in_its_next_batch()
    {
        var batches = new GatedBatches();
        await using var queue = new StateBatchQueue(batches, new StateBatching { MaxBatch = 64, CommandLoops = 1, DerivedLoops = 1, CommandCapacity = 16, DerivedCapacity = 16 });
        var storage = Storage(queue);
        var first = storage.WriteStateAsync("project", Grain("a"), new GrainState<string> { State = "1" });
        await batches.Started("a");
        var waiting = new[] { "b", "c", "d" }.Select(k => storage.WriteStateAsync("project", Grain(k), new GrainState<string> { State = k })).ToList();
        Assert.False(batches.HasStarted("b"));

        batches.Release("a");
        await first;
        await batches.Started("b");
        Assert.Equal(["b", "c", "d"], batches.BatchOf("b"));
        batches.Release("b");
        await Task.WhenAll(waiting);
        Assert.Equal(2, queue.Batches);
    }

    [Fact]
    public async Task A_full_lane_makes_callers_wait_for_room_instead_of_growing()
    {
        var batches = new GatedBatches();
        await using var queue = new StateBatchQueue(batches, new StateBatching { MaxBatch = 1, CommandLoops = 1, DerivedLoops = 1, CommandCapacity = 1, DerivedCapacity = 1 });
        var storage = Storage(queue);
        var running = storage.WriteStateAsync("project", Grain("a"), new GrainState<string>());
        await batches.Started("a");
        var queued = storage.WriteStateAsync("project", Grain("b"), new GrainState<string>());
        var operation = StateOperation.Read(new StateIdentity("tests", "pmo-project", "c", "project"));
        var blocked = queue.RunAsync(operation, derived: false);
        Assert.Equal(1, queue.Queued); // "b" holds the one place; "c" waits outside the queue
        Assert.False(blocked.IsCompleted);

        foreach (var key in new[] { "a", "b", "c" }) batches.Release(key);
        await Task.WhenAll(running, queued, blocked);
        Assert.Equal(0, queue.Queued);
    }

    private static PostgresGrainStorage Storage(StateBatchQueue queue) => new(queue, "tests", new PmoStateSerializer(), Activators);

    private static async Task Flush(PostgresGrainStorage storage, string key)
    {
        using (StateWriteLane.Derived())
            await storage.WriteStateAsync("project", Grain(key), new GrainState<string> { State = "derived" });
    }

    private static GrainId Grain(string key) => GrainId.Create("pmo-project", key);

    /// <summary>Batches start when a loop sends them and finish when the test releases their first grain.</summary>
    private sealed class GatedBatches : IStateBatchExecutor
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _release = new();
        private readonly ConcurrentDictionary<string, string[]> _batchOf = new();

        private TaskCompletionSource StartedGate(string key) => _started.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        private TaskCompletionSource ReleaseGate(string key) => _release.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        public Task Started(string key) => StartedGate(key).Task.WaitAsync(TimeSpan.FromSeconds(10));
        public bool HasStarted(string key) => _started.TryGetValue(key, out var gate) && gate.Task.IsCompleted;
        public void Release(string key) => ReleaseGate(key).TrySetResult();
        public string[] BatchOf(string key) => _batchOf[key];

        public async Task ExecuteAsync(IReadOnlyList<StateOperation> batch)
        {
            var keys = batch.Select(o => o.Identity.GrainKey).ToArray();
            foreach (var key in keys)
            {
                _batchOf[key] = keys;
                StartedGate(key).TrySetResult();
            }
            await ReleaseGate(keys[0]).Task;
            foreach (var operation in batch) operation.Complete(new StateOutcome(1, null, false));
        }
    }
}
