using Orleans.Storage;

namespace Pmo.Host.Storage;

/// <summary>
/// Bounds how many grain-state operations one silo runs against PostgreSQL at once. An import or a
/// reorganisation can make ten thousand grains save at the same moment; without a bound they queue
/// inside the connection pool and time out there, failing writes the grains cannot retry. Here they
/// wait their turn instead, and the pool always has connections left for membership and the alert log.
/// Write-behind flushes of derived state (<see cref="Pmo.Grains.Propagation.StateWriteLane"/>) go through a
/// smaller lane of their own: a burst of them from a cascade must not queue ahead of the write a
/// client's command is waiting for, and under sustained load they simply coalesce more while they wait.
/// It also gives every key a prefix before the ADO.NET provider sees it: that provider reads a string
/// key that looks like a hexadecimal number (or a Guid) as that number, so "cafe", "CAFE" and "0cafe"
/// would share one stored state. With the prefix no key parses, and ids stay distinct as written.
/// </summary>
public sealed class ThrottledGrainStorage(IGrainStorage inner, int maxConcurrent, int maxDerived) : IGrainStorage
{
    private readonly SemaphoreSlim _slots = new(maxConcurrent, maxConcurrent);
    private readonly SemaphoreSlim _derivedSlots = new(maxDerived, maxDerived);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Run(() => inner.ReadStateAsync(stateName, Stored(grainId), grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Run(() => inner.WriteStateAsync(stateName, Stored(grainId), grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Run(() => inner.ClearStateAsync(stateName, Stored(grainId), grainState));

    internal static GrainId Stored(GrainId grainId) => GrainId.Create(grainId.Type, "pmo:" + grainId.Key);

    private async Task Run(Func<Task> operation)
    {
        var slots = Pmo.Grains.Propagation.StateWriteLane.IsDerived ? _derivedSlots : _slots;
        await slots.WaitAsync();
        try { await operation(); }
        finally { slots.Release(); }
    }
}
