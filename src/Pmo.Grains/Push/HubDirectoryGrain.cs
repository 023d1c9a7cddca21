namespace Pmo.Grains.Push;

/// <summary>
/// Which web hosts want pushes. Each host re-registers every few seconds (the list is not stored,
/// so a reactivation after a silo loss refills it), and the list handed out keeps only hosts that
/// cluster membership says are active: a dead host's observer is dropped without waiting for timeouts.
/// </summary>
[GrainType("pmo-hub-directory")]
internal sealed class HubDirectoryGrain(IClusterMembershipService membership) : Grain, IHubDirectoryGrain
{
    private readonly Dictionary<SiloAddress, IPushHub> _hubs = new();
    private MembershipVersion _cachedAt;
    private IPushHub[]? _cache;

    public Task AddHub(SiloAddress host, IPushHub hub)
    {
        _hubs[host] = hub;
        _cache = null;
        return Task.CompletedTask;
    }

    public Task<IPushHub[]> GetHubs()
    {
        var snapshot = membership.CurrentSnapshot;
        if (_cache is not null && snapshot.Version == _cachedAt) return Task.FromResult(_cache);
        foreach (var dead in _hubs.Keys.Where(h => snapshot.GetSiloStatus(h) == SiloStatus.Dead).ToList()) _hubs.Remove(dead);
        _cache = [.. _hubs.Where(h => snapshot.GetSiloStatus(h.Key) == SiloStatus.Active).Select(h => h.Value)];
        _cachedAt = snapshot.Version;
        return Task.FromResult(_cache);
    }
}
