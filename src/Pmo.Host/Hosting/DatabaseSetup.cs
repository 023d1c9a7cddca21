using Pmo.Contracts;
using Pmo.Host.Storage;

namespace Pmo.Host.Hosting;

public static class DatabaseSetup
{
    /// <summary>
    /// Production mode only: checks the database is reachable and its schema current (applying what is
    /// missing) before the silo starts, so that a wrong connection string fails at once with a plain
    /// message instead of as membership errors. Returns an exit code when the process should stop here
    /// (--init-db, or a failure), null to go on.
    /// </summary>
    public static async Task<int?> PrepareAsync(PmoHostOptions options)
    {
        if (options.Postgres is not { Length: > 0 } postgres)
        {
            if (!options.InitDb) return null;
            await Console.Error.WriteLineAsync("--init-db needs a PostgreSQL connection string (--postgres or PMO_POSTGRES).");
            return 2;
        }
        try
        {
            var applied = await SchemaMigrator.ApplyAsync(postgres);
            if (!options.InitDb) return null;
            Console.WriteLine(applied == 0 ? "The schema is up to date." : $"Applied {applied} schema step(s).");
            return 0;
        }
        catch (StorageUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"PostgreSQL is not usable: {e.Message}");
            return 1;
        }
    }

    public static IServiceCollection AddPmoRecovery(this IServiceCollection services, PmoHostOptions options)
    {
        if (options.Postgres is { Length: > 0 }) services.AddHostedService<StartupResync>();
        services.AddHostedService<SiloLossResync>();
        return services;
    }
}

/// <summary>
/// After the whole cluster went down, derived state written behind and the one-way messages in flight
/// are gone; a resync has every project and portfolio tell its dependants its current figures again.
/// A silo that joins a cluster still running does not: the survivors resynced when membership declared
/// its previous life dead (<see cref="SiloLossResync"/>), and a second enterprise-wide resync would only
/// cost minutes of work at 10,000 projects.
/// </summary>
internal sealed partial class StartupResync(
    IGrainFactory grains, ILocalSiloDetails silo, IClusterMembershipService membership, TimeProvider time, ILogger<StartupResync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var others = membership.CurrentSnapshot.Members.Values
            .Count(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(silo.SiloAddress) && m.SiloAddress.Generation < silo.SiloAddress.Generation);
        if (others > 0)
        {
            LogJoined(logger, others);
            return;
        }
        var changeId = $"{Ripple.ResyncPrefix}{silo.SiloAddress.Endpoint.Port}-{time.GetUtcNow():yyyyMMddHHmmss}";
        try
        {
            await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).Resync(Ripple.Root(changeId));
            await grains.GetGrain<IChangeGrain>(changeId).Accept(time.GetUtcNow());
            LogStarted(logger, changeId);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Joined a running cluster ({Others} older silo(s) active): no resync needed at start")]
    private static partial void LogJoined(ILogger logger, int others);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resync {ChangeId} started")]
    private static partial void LogStarted(ILogger logger, string changeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync after start failed; figures converge with the next changes")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
