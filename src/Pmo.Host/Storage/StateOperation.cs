namespace Pmo.Host.Storage;

/// <summary>Which grain state a row holds: as Orleans names it, kept exactly as written.</summary>
internal readonly record struct StateIdentity(string ServiceId, string GrainType, string GrainKey, string StateName)
{
    /// <summary>Byte order, as the table's "C" collation: writes in a batch lock rows in this order (no deadlocks).</summary>
    public static int Compare(StateIdentity a, StateIdentity b)
    {
        var c = string.CompareOrdinal(a.GrainType, b.GrainType);
        if (c == 0) c = string.CompareOrdinal(a.GrainKey, b.GrainKey);
        if (c == 0) c = string.CompareOrdinal(a.StateName, b.StateName);
        return c == 0 ? string.CompareOrdinal(a.ServiceId, b.ServiceId) : c;
    }

    public override string ToString() => $"{GrainType}/{GrainKey} ({StateName})";
}

internal enum StateOperationKind { Read, Write, Clear }

/// <summary>
/// What one operation found: for a read, the row's version and payload (a null payload is a cleared
/// state; no version, no row); for a write or a clear, the new version, or <see cref="Conflict"/> when
/// the row did not hold the version the grain expected.
/// </summary>
internal readonly record struct StateOutcome(int? Version, byte[]? Payload, bool Conflict);

/// <summary>
/// One read, write or clear waiting for a batch. The caller awaits <see cref="Completion"/>, which a
/// writer loop completes once the batch that carried it has committed (or failed as a whole).
/// </summary>
internal sealed class StateOperation(StateOperationKind kind, StateIdentity identity, int? expectedVersion, byte[]? payload)
{
    private readonly TaskCompletionSource<StateOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StateOperationKind Kind => kind;
    public StateIdentity Identity => identity;

    /// <summary>The version the grain read (its ETag); null when it found no row, so a write inserts.</summary>
    public int? ExpectedVersion => expectedVersion;

    public byte[]? Payload => payload;

    public Task<StateOutcome> Completion => _done.Task;

    public static StateOperation Read(StateIdentity identity) => new(StateOperationKind.Read, identity, null, null);

    public static StateOperation Write(StateIdentity identity, int? expectedVersion, byte[] payload) =>
        new(StateOperationKind.Write, identity, expectedVersion, payload);

    public static StateOperation Clear(StateIdentity identity, int? expectedVersion) => new(StateOperationKind.Clear, identity, expectedVersion, null);

    public void Complete(StateOutcome outcome) => _done.TrySetResult(outcome);

    public void Fail(Exception error) => _done.TrySetException(error);
}
