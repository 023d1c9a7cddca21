using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;
using Orleans.Configuration;
using Orleans.Storage;
using Pmo.Grains.Alerts;
using Pmo.Grains.Hosting;
using Pmo.Host.Storage;

namespace Pmo.Host.Hosting;

public static class SiloSetup
{
    /// <summary>
    /// Refuses grain-state batching settings (<c>Pmo:Storage</c>) the silo could not run with, before it
    /// starts: exit code 2 and a line naming the key; null to go on.
    /// </summary>
    public static int? CheckPmoStorage(this WebApplicationBuilder builder)
    {
        if (StateBatching.From(builder.Configuration).Problem is not { } problem) return null;
        Console.Error.WriteLine($"Cannot use the grain-state batching settings: {problem}");
        return 2;
    }

    public static PmoHostOptions AddPmoOptions(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PmoHostOptions.Section).Get<PmoHostOptions>() ?? new PmoHostOptions();
        builder.Services.AddSingleton(options);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(PmoHostOptions.DefaultUrl);
        return options;
    }

    /// <summary>
    /// Embedded default: one silo on localhost clustering with in-memory grain storage.
    /// Production mode (a PostgreSQL connection string): grain state, alert log and cluster
    /// membership in PostgreSQL, so several hosts form one cluster and survive restarts.
    /// </summary>
    public static void AddPmoSilo(this WebApplicationBuilder builder, PmoHostOptions options)
    {
        builder.UseOrleans(silo =>
        {
            if (options.Postgres is { Length: > 0 } postgres) UsePostgres(silo, builder.Services, options, postgres);
            else
            {
                var primary = options.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary);
                silo.AddPmoMemoryStorage();
            }
            silo.AddPmoGrains();
            silo.AddPmoDashboard();
        });
    }

    private static void UsePostgres(ISiloBuilder silo, IServiceCollection services, PmoHostOptions options, string postgres)
    {
        var connection = PostgresStorage.Normalize(postgres);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ClusterId;
        });
        silo.Configure<EndpointOptions>(endpoint =>
        {
            endpoint.SiloPort = options.SiloPort;
            endpoint.GatewayPort = options.GatewayPort;
            endpoint.AdvertisedIPAddress = AdvertisedAddress(options.AdvertisedAddress);
            endpoint.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, options.SiloPort);
            endpoint.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, options.GatewayPort);
        });
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connection;
        });
        // Grains name "pmo"; in production it is the project's own batching provider over pmo_grain_state.
        var database = PostgresStorage.CreateDataSource(connection);
        services.AddSingleton(database);
        services.AddSingleton(sp => new StateBatchQueue(
            new PostgresStateBatch(database, sp.GetRequiredService<ILogger<PostgresStateBatch>>()),
            StateBatching.From(sp.GetRequiredService<IConfiguration>()).Batching ?? StateBatching.Default));
        services.AddKeyedSingleton<IGrainStorage>(PmoStorage.Name, (sp, _) => new PostgresGrainStorage(
            sp.GetRequiredService<StateBatchQueue>(), sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            new PmoStateSerializer(), sp.GetRequiredService<IActivatorProvider>()));
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            // A killed process closes its sockets, so probes to it fail at once rather than timing
            // out; three missed probes at 2 s declare it dead in about 6 s. A busy 2-core machine
            // answers a probe well within 2 s, so this does not declare false deaths.
            membership.ProbeTimeout = TimeSpan.FromSeconds(2);
            membership.NumMissedProbesLimit = 3;
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            membership.DefunctSiloExpiration = TimeSpan.FromMinutes(10);
        });
        services.AddSingleton<IAlertJournal>(new PostgresAlertJournal(database));
        services.AddSingleton<IStorageProbe>(new PostgresProbe(database));
        services.AddSingleton<Audit.IAuditStore>(new PostgresAuditStore(database));
    }

    /// <summary>"auto": this machine's first non-loopback IPv4 address (containers); otherwise the address given.</summary>
    private static IPAddress AdvertisedAddress(string configured)
    {
        if (!string.Equals(configured, "auto", StringComparison.OrdinalIgnoreCase)) return IPAddress.Parse(configured);
        return Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
