namespace Pmo.Grains.Changes;

/// <summary>See <see cref="ISiloLossLedgerGrain"/>.</summary>
[GrainType("pmo-silo-loss-ledger")]
internal sealed class SiloLossLedgerGrain : Grain, ISiloLossLedgerGrain
{
    // A handful per silo death (two passes, up to six while none settles); kept small, only the latest settled one matters.
    private const int Kept = 16;
    private readonly Dictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private DateTimeOffset? _repairedThrough;

    public Task ResyncStarted(string changeId, DateTimeOffset startedAt)
    {
        if (_started.Count >= Kept) _started.Remove(_started.MinBy(s => s.Value).Key);
        _started[changeId] = startedAt;
        return Task.CompletedTask;
    }

    public Task ResyncSettled(string changeId)
    {
        if (_started.Remove(changeId, out var startedAt) && (_repairedThrough is null || startedAt > _repairedThrough))
            _repairedThrough = startedAt;
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> RepairedThrough() => Task.FromResult(_repairedThrough);
}
