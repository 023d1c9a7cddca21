using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Pmo.Grains.Propagation;

namespace Pmo.Host.Storage;

/// <summary>
/// Production mode's grain storage: pmo_grain_state (schema step 7) through <see cref="StateBatchQueue"/>,
/// so concurrent reads and writes on a silo share round trips and commits. The ADO.NET provider it
/// replaces sends one statement and commits once per write, and cannot batch or pipeline them; at a few
/// hundred commands a second that, not the grains, was the limit. A grain's ETag is its row's version:
/// a write or a clear that finds another version fails with <see cref="InconsistentStateException"/>
/// for that grain only. State is written by the same serializer as every provider (PmoStateSerializer).
/// Keys are stored as written, so "cafe" and "CAFE" are two grains (the ADO.NET provider read any key of
/// hex digits as one number).
/// </summary>
internal sealed class PostgresGrainStorage(StateBatchQueue queue, string serviceId, IGrainStorageSerializer serializer, IActivatorProvider activators)
    : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var found = await queue.RunAsync(StateOperation.Read(Identity(stateName, grainId)), derived: false);
        grainState.State = found.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : activators.GetActivator<T>().Create();
        grainState.RecordExists = found.Payload is not null;
        grainState.ETag = ETag(found.Version);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var write = StateOperation.Write(Identity(stateName, grainId), Expected(grainState.ETag), payload);
        // A write-behind flush of derived state takes the flush lane; a command's own write never waits behind those.
        var done = await queue.RunAsync(write, derived: StateWriteLane.IsDerived);
        if (done.Conflict) throw Conflict("write", write.Identity, grainState.ETag);
        grainState.ETag = ETag(done.Version);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var clear = StateOperation.Clear(Identity(stateName, grainId), Expected(grainState.ETag));
        var done = await queue.RunAsync(clear, derived: false);
        if (done.Conflict) throw Conflict("clear", clear.Identity, grainState.ETag);
        grainState.ETag = ETag(done.Version);
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
    }

    private StateIdentity Identity(string stateName, GrainId grainId) => new(serviceId, grainId.Type.ToString()!, grainId.Key.ToString()!, stateName);

    private static string? ETag(int? version) => version?.ToString(CultureInfo.InvariantCulture);

    private static int? Expected(string? etag) =>
        etag is null ? null
        : int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : throw new InconsistentStateException($"ETag '{etag}' is not a version this storage wrote.", "unknown", etag);

    private static InconsistentStateException Conflict(string what, StateIdentity identity, string? etag) =>
        new($"The {what} of {identity} expected version {etag ?? "none (a new state)"}, but the stored state has moved on (another activation wrote it).",
            "unknown", etag ?? "none");
}
