using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using Pmo.Grains.Hosting;
using Pmo.Host.Push;

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
        services.AddSingleton<Readiness>();
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
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).AllowAnonymous().WithTags("Operations");
        app.MapGet("/health/ready", async (Readiness readiness, CancellationToken ct) =>
        {
            var report = await readiness.CheckAsync(ct);
            return Results.Json(report, statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("Operations").WithSummary("Readiness: storage, cluster membership, live push, demo data");
        app.MapGet("/health", async (Readiness readiness, CancellationToken ct) =>
        {
            var report = await readiness.CheckAsync(ct);
            var mode = $"{(report.Storage == "memory" ? "in-memory" : "postgresql")}, {report.Silos} silo(s)";
            return Results.Json(new { status = report.Ready ? "ready" : "starting", mode },
                statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("Operations").WithSummary("200 once the service can take commands");
        return app;
    }
}

/// <summary>Whether this host can take commands, and if not, which part is missing.</summary>
public sealed class Readiness(
    DemoPortfolio demo, PushRouter push, IClusterMembershipService membership, ILocalSiloDetails silo, IServiceProvider services)
{
    public async Task<ReadinessReport> CheckAsync(CancellationToken ct)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var storage = services.GetService<IStorageProbe>() is { } probe ? await probe.CheckAsync(ct) : "memory";
        var report = new ReadinessReport
        {
            Silos = membership.CurrentSnapshot.Members.Count(m => m.Value.Status == SiloStatus.Active),
            Membership = status.ToString().ToLowerInvariant(),
            Storage = storage,
            Push = push.Started ? "started" : "starting",
            Demo = demo.Ready ? "ready" : "importing",
        };
        return report with { Ready = status == SiloStatus.Active && push.Started && demo.Ready && !storage.StartsWith("unavailable", StringComparison.Ordinal) };
    }
}

public sealed record ReadinessReport
{
    public bool Ready { get; init; }
    public int Silos { get; init; }
    public required string Membership { get; init; }
    public required string Storage { get; init; }
    public required string Push { get; init; }
    public required string Demo { get; init; }
}

/// <summary>Implemented by durable storage: "ok", or "unavailable: why".</summary>
public interface IStorageProbe
{
    Task<string> CheckAsync(CancellationToken ct);
}
