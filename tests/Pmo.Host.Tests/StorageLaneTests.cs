using System.Collections.Concurrent;
using Orleans.Storage;
using Pmo.Grains.Propagation;
using Pmo.Host.Storage;

namespace Pmo.Host.Tests;

/// <summary>
/// Write-behind flushes have a storage lane of their own: when they fill it, a command's own write
/// (what a waiting client needs) still goes straight through.
/// </summary>
public sealed class StorageLaneTests
{
    [Fact]
    public async Task A_command_write_is_not_queued_behind_flushes_that_fill_their_lane()
    {
        var inner = new GatedStorage();
        var storage = new ThrottledGrainStorage(inner, maxConcurrent: 2, maxDerived: 1);

        var firstFlush = Flush(storage, "a");
        var secondFlush = Flush(storage, "b");
        await inner.Started("a");
        Assert.False(inner.HasStarted("b"), "the second flush should wait for the derived lane");

        var command = storage.WriteStateAsync("project", Grain("c"), new GrainState<string> { State = "slip" });
        await inner.Started("c");
        Assert.False(inner.HasStarted("b"), "the second flush should still wait");

        inner.Release("c");
        await command;
        inner.Release("a");
        await firstFlush;
        await inner.Started("b");
        inner.Release("b");
        await secondFlush;
    }

    [Fact]
    public async Task Command_writes_share_their_own_lane()
    {
        var inner = new GatedStorage();
        var storage = new ThrottledGrainStorage(inner, maxConcurrent: 1, maxDerived: 1);
        var first = storage.WriteStateAsync("project", Grain("a"), new GrainState<string>());
        var second = storage.WriteStateAsync("project", Grain("b"), new GrainState<string>());
        await inner.Started("a");
        Assert.False(inner.HasStarted("b"));
        inner.Release("a");
        await inner.Started("b");
        inner.Release("b");
        await Task.WhenAll(first, second);
    }

    private static async Task Flush(ThrottledGrainStorage storage, string key)
    {
        using (StateWriteLane.Derived())
            await storage.WriteStateAsync("project", Grain(key), new GrainState<string> { State = "derived" });
    }

    private static GrainId Grain(string key) => GrainId.Create("pmo-project", key);

    /// <summary>A storage whose writes start when called and finish when the test releases them.</summary>
    private sealed class GatedStorage : IGrainStorage
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _release = new();

        private TaskCompletionSource StartedGate(string key) => _started.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        private TaskCompletionSource ReleaseGate(string key) => _release.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        public Task Started(string key) => StartedGate(key).Task.WaitAsync(TimeSpan.FromSeconds(10));
        public bool HasStarted(string key) => _started.TryGetValue(key, out var gate) && gate.Task.IsCompleted;
        public void Release(string key) => ReleaseGate(key).TrySetResult();

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            // The throttle prefixes keys ("pmo:a"); the test names grains by what follows.
            var key = grainId.Key.ToString()!.Split(':')[^1];
            StartedGate(key).TrySetResult();
            return ReleaseGate(key).Task;
        }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }
}
