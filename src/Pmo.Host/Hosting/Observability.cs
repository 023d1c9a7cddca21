using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using Pmo.Grains.Hosting;

namespace Pmo.Host.Hosting;

/// <summary>
/// What an SRE needs to run the service: liveness apart from readiness, Prometheus metrics
/// (the service's own meter and Orleans'), and the Orleans dashboard.
/// </summary>
public static class Observability
{
    public static IServiceCollection AddPmoObservability(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PmoMetrics.MeterName, "Microsoft.Orleans")
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        services.AddPmoReadiness();
        return services;
    }

    public static ISiloBuilder AddPmoDashboard(this ISiloBuilder silo) => silo.AddDashboard();

    public static WebApplication MapPmoObservability(this WebApplication app)
    {
        // Metrics and the Orleans dashboard show the cluster's insides: pmo only (Prometheus sends a bearer token).
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Access.AccessSetup.PmoPolicy);
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(Access.AccessSetup.PmoPolicy);

        // /health is the contract's "can take commands"; /health/ready says why not; /health/live only
        // that the process answers (restart it when this fails, take it out of rotation when ready fails).
        // Probes answer without a token: an orchestrator has none.
        app.MapLiveness("/health/live").AllowAnonymous().WithTags("Operations");
        app.MapReadiness("/health/ready").AllowAnonymous().WithTags("Operations");
        app.MapCanTakeCommands("/health").AllowAnonymous().WithTags("Operations");
        return app;
    }
}
