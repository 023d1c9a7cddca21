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
/// After a restart, one-way messages that were in flight when the cluster went down are gone; a
/// resync has every project and portfolio tell its dependants its current figures again.
/// </summary>
internal sealed class StartupResync(IGrainFactory grains, ILocalSiloDetails silo, ILogger<StartupResync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changeId = $"c-resync-{silo.SiloAddress.Endpoint.Port}-{DateTime.UtcNow:yyyyMMddHHmmss}";
        try
        {
            await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).Resync(Ripple.Root(changeId));
            await grains.GetGrain<IChangeGrain>(changeId).Accept(DateTimeOffset.UtcNow);
            logger.LogInformation("Resync {ChangeId} started", changeId);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Resync after start failed; figures converge with the next changes");
        }
    }
}
