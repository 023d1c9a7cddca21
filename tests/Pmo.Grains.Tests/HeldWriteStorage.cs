using System.Collections.Concurrent;
using Orleans.Storage;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Tests;

/// <summary>
/// Keeps states in memory with a version per grain, and refuses a write that expects another version,
/// as PostgreSQL storage does. Holds one grain's writes (or only its write-behind flushes) until
/// <see cref="Release"/>.
/// </summary>
public sealed class HeldWriteStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<string, (int Version, object? State)> _rows = new();
    private readonly ConcurrentDictionary<string, int> _writes = new();
    private readonly object _lock = new();
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _heldGrain;
    private bool _flushesOnly;
    private bool _flushWritten;

    public Task Held => _held.Task;
    public bool Released => _release.Task.IsCompleted;
    public ConcurrentBag<string> Conflicts { get; } = [];
    public ConcurrentBag<string> CommandWritesAfterFlush { get; } = [];

    /// <summary>Writes stored so far of one grain's state.</summary>
    public int Writes(string grainKey, string stateName) => _writes.Where(w => w.Key.EndsWith($"/{grainKey}/{stateName}", StringComparison.Ordinal)).Sum(w => w.Value);

    public void Hold(string grainKey, bool flushesOnly)
    {
        (_held, _release) = (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously));
        (_heldGrain, _flushesOnly, _flushWritten) = (grainKey, flushesOnly, false);
    }

    public void Release() => _release.TrySetResult();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue(Key(stateName, grainId), out var row))
            (grainState.State, grainState.ETag, grainState.RecordExists) = ((T)row.State!, Tag(row.Version), true);
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grainKey = grainId.Key.ToString()!;
        var derived = StateWriteLane.IsDerived;
        var release = _release.Task;
        if (grainKey == _heldGrain && (derived || !_flushesOnly))
        {
            _held.TrySetResult();
            await release;
        }
        lock (_lock)
        {
            var key = Key(stateName, grainId);
            var version = _rows.TryGetValue(key, out var row) ? row.Version : 0;
            if (grainState.ETag != Tag(version) && !(version == 0 && grainState.ETag is null))
            {
                Conflicts.Add($"{key}: expected {grainState.ETag}, stored {version}");
                throw new InconsistentStateException($"{key} moved on", Tag(version), grainState.ETag);
            }
            _rows[key] = (version + 1, grainState.State);
            grainState.ETag = Tag(version + 1);
            grainState.RecordExists = true;
            _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
            if (grainKey == _heldGrain && derived) _flushWritten = true;
            else if (grainKey == _heldGrain && _flushWritten) CommandWritesAfterFlush.Add(grainKey);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{grainId}/{stateName}";

    private static string Tag(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
