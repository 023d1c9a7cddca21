using Microsoft.AspNetCore.SignalR;
using Pmo.Contracts;

namespace Pmo.Host.Push;

/// <summary>
/// Keeps this host on the cluster's list of push receivers. Re-registers every few seconds because
/// the list lives in memory (a silo loss empties it) and an observer reference can expire; also
/// closes gaps in the alert sequence from the log when a push went missing.
/// </summary>
internal sealed class PushRegistration(
    IGrainFactory grains, ILocalSiloDetails silo, PushRouter router, IHubContext<PortfolioHub> hub, TimeProvider time, ILogger<PushRegistration> logger) : BackgroundService
{
    private static readonly TimeSpan RegisterEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RepairEvery = TimeSpan.FromMilliseconds(100);

    // Orleans holds observers weakly: without this field the observer is collected and pushes to
    // this host fail with "unexpected target grain".
    private readonly PushHubObserver _observer = new(router);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        router.ClientProxy = id => hub.Clients.Client(id);
        var observer = grains.CreateObjectReference<IPushHub>(_observer);
        var directory = grains.GetGrain<IHubDirectoryGrain>(0);
        var registeredAt = DateTimeOffset.MinValue;
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() - registeredAt > RegisterEvery)
                {
                    await directory.AddHub(silo.SiloAddress, observer);
                    registeredAt = time.GetUtcNow();
                }
                if (!started)
                {
                    // Every notifier refreshes its host list at least this often; after it, no batch misses us.
                    await Task.Delay(Pmo.Grains.Push.PushNotifierGrain.HubRefreshInterval * 2, time, stoppingToken);
                    await router.StartAsync();
                    started = true;
                }
                await router.RepairGapsAsync();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Live push upkeep failed; retrying");
            }
            try { await Task.Delay(RepairEvery, time, stoppingToken); }
            catch (OperationCanceledException) { }
        }
    }
}
