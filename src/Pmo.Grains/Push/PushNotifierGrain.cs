using Microsoft.Extensions.Logging;

namespace Pmo.Grains.Push;

/// <summary>
/// Collects what grains publish for clients and sends it to every web host in one batch per short
/// interval. A stateless worker (one or more per silo, always local to the caller) and reentrant,
/// so publishing never waits on a slow host and never blocks a grain of the model. Ordering across
/// activations is not needed: hosts order alerts by their global seq and summaries by version.
/// </summary>
// Idle workers are kept: a worker removed while it still buffers a batch would take it along
// (OnDeactivateAsync flushes too, for deactivations that do happen, e.g. at shutdown).
[StatelessWorker(2, removeIdleWorkers: false), Reentrant]
[GrainType("pmo-push-notifier")]
public sealed class PushNotifierGrain(TimeProvider time, ILogger<PushNotifierGrain> logger) : Grain, IPushNotifierGrain
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(10);
    /// <summary>
    /// How stale the list of web hosts may be. A host reports ready only after this long (see
    /// PushRegistration), so every batch flushed after that reaches it.
    /// </summary>
    public static readonly TimeSpan HubRefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<PushedAlert> _alerts = [];
    private readonly List<PushedSummary> _summaries = [];
    private readonly List<PushedSettlement> _settlements = [];
    private Dictionary<string, string?>? _tree;
    private IPushHub[] _hubs = [];
    private DateTimeOffset _hubsRefreshedAt = DateTimeOffset.MinValue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Flush, new GrainTimerCreationOptions(FlushInterval, FlushInterval) { Interleave = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Flush();

    public Task Publish(PushBatch batch)
    {
        _alerts.AddRange(batch.Alerts);
        _summaries.AddRange(batch.Summaries);
        _settlements.AddRange(batch.Settlements);
        if (batch.PortfolioTree is not null) _tree = batch.PortfolioTree;
        return Task.CompletedTask;
    }

    private async Task Flush()
    {
        if (_alerts.Count == 0 && _summaries.Count == 0 && _settlements.Count == 0 && _tree is null) return;
        var batch = new PushBatch { Alerts = [.. _alerts], Summaries = [.. _summaries], Settlements = [.. _settlements], PortfolioTree = _tree };
        _alerts.Clear();
        _summaries.Clear();
        _settlements.Clear();
        _tree = null;

        if (time.GetUtcNow() - _hubsRefreshedAt > HubRefreshInterval || _hubs.Length == 0)
        {
            try
            {
                _hubs = await GrainFactory.GetGrain<IHubDirectoryGrain>(0).GetHubs();
                _hubsRefreshedAt = time.GetUtcNow();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not refresh the list of web hosts; pushing to the last known ones");
            }
        }
        foreach (var hub in _hubs)
        {
            try { await hub.Deliver(batch); }
            catch (Exception e) { logger.LogWarning(e, "A web host did not take a push batch"); }
        }
    }
}
