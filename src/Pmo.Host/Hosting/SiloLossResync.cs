using Pmo.Contracts;

namespace Pmo.Host.Hosting;

/// <summary>
/// When membership declares a silo dead, what it held that was not yet in storage is gone: derived
/// state written behind (see DerivedStateWrites) and the one-way messages it was about to deliver.
/// A resync has every project and portfolio tell its dependants its current figures again, so
/// schedules and roll-ups converge with no further command.
/// </summary>
/// <remarks>
/// Every survivor sees the death; only the oldest active silo starts the resync (in passes, until one
/// has settled: <see cref="LossRepairPasses"/>), so a cluster of three does not resync twice. Two
/// survivors that briefly disagree on who is oldest both start one, which costs time but not
/// correctness (a resync only retells current figures).
/// </remarks>
internal sealed partial class SiloLossResync(
    IClusterMembershipService membership, ILocalSiloDetails silo, IGrainFactory grains, Api.CommandAdmission admission, TimeProvider time,
    ILogger<SiloLossResync> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var died = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && previous.GetSiloStatus(m.SiloAddress) is not (SiloStatus.Dead or SiloStatus.None))
                    .Select(m => m.SiloAddress)
                    .ToList();
                previous = snapshot;
                if (died.Count == 0) continue;
                admission.SiloLost();
                if (!IsOldestActive(snapshot)) continue;
                foreach (var dead in died) _ = RepairAsync(dead, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RepairAsync(SiloAddress dead, CancellationToken stoppingToken)
    {
        var ledger = grains.GetGrain<ISiloLossLedgerGrain>(ISiloLossLedgerGrain.Key);
        var passes = new LossRepairPasses(pass => ResyncAfter(dead, pass), ledger.RepairedThrough, time,
            pass => LogPassUnsettled(logger, dead.ToString(), pass));
        try
        {
            await passes.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private bool IsOldestActive(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(a => a.Generation).ThenBy(a => a.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault() is { } oldest && oldest.Equals(silo.SiloAddress);

    /// <returns>When the pass started, as the ledger has it; null if it could not start.</returns>
    private async Task<DateTimeOffset?> ResyncAfter(SiloAddress dead, string pass)
    {
        var changeId = $"{Ripple.ResyncPrefix}loss-{dead.Endpoint.Port}-{dead.Generation}{pass}";
        try
        {
            // Recorded before it begins: changes accepted before this moment that are still open once it has
            // settled lost their messages with the silo, and settle by it (see ISiloLossLedgerGrain).
            var started = time.GetUtcNow();
            await grains.GetGrain<ISiloLossLedgerGrain>(ISiloLossLedgerGrain.Key).ResyncStarted(changeId, started);
            await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).Resync(Ripple.Root(changeId));
            await grains.GetGrain<IChangeGrain>(changeId).Accept(time.GetUtcNow());
            LogResync(logger, dead.ToString(), changeId);
            return started;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogResyncFailed(logger, e, dead.ToString());
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} was declared dead; resync {ChangeId} rebuilds what it held")]
    private static partial void LogResync(ILogger logger, string silo, string changeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync pass {Pass} after the loss of silo {Silo} has not settled; another pass follows")]
    private static partial void LogPassUnsettled(ILogger logger, string silo, int pass);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync after the loss of silo {Silo} failed; figures converge with the next changes")]
    private static partial void LogResyncFailed(ILogger logger, Exception exception, string silo);
}
