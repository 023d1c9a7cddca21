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
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOrleansDashboard("/dashboard");

        // /health is the contract's "can take commands"; /health/ready says why not; /health/live only
        // that the process answers (restart it when this fails, take it out of rotation when ready fails).
        app.MapLiveness("/health/live").WithTags("Operations");
        app.MapReadiness("/health/ready").WithTags("Operations");
        app.MapCanTakeCommands("/health").WithTags("Operations");
        return app;
    }
}
