using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pmo.Host.Push;

namespace Pmo.Host.Hosting;

/// <summary>
/// Readiness as ASP.NET Core health checks, one per part that must be up before this host takes
/// commands: its silo active in the cluster, its storage reachable, live push started, the demo
/// imported. <c>/health/ready</c> lists each with why not; <c>/health</c> (the contract's "can take
/// commands") says ready or starting and the mode; <c>/health/live</c> runs none of them.
/// </summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IServiceCollection AddPmoReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<MembershipCheck>("membership", tags: [Tag])
            .AddCheck<StorageCheck>("storage", tags: [Tag])
            .AddCheck<LivePushCheck>("push", tags: [Tag])
            .AddCheck<DemoImportCheck>("demo", tags: [Tag]);
        return services;
    }

    public static IEndpointConventionBuilder MapLiveness(this IEndpointRouteBuilder app, string path) =>
        app.MapHealthChecks(path, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = (http, _) => Write(http, new { status = "live" }) });

    public static IEndpointConventionBuilder MapReadiness(this IEndpointRouteBuilder app, string path) =>
        app.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Tag),
            ResponseWriter = (http, report) => Write(http, new
            {
                status = report.Status == HealthStatus.Healthy ? "ready" : "starting",
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), detail = e.Value.Description }),
            }),
        });

    /// <summary>The contract's <c>GET /health</c>: 200 once ready, with the mode and how many silos are active.</summary>
    public static IEndpointConventionBuilder MapCanTakeCommands(this IEndpointRouteBuilder app, string path) =>
        app.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Tag),
            ResponseWriter = (http, report) =>
            {
                var silos = report.Entries.TryGetValue("membership", out var membership) && membership.Data.TryGetValue("silos", out var count) ? count : 0;
                var storage = report.Entries.TryGetValue("storage", out var s) && s.Data.TryGetValue("mode", out var mode) ? mode : "in-memory";
                return Write(http, new { status = report.Status == HealthStatus.Healthy ? "ready" : "starting", mode = $"{storage}, {silos} silo(s)" });
            },
        });

    private static Task Write(HttpContext http, object body)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

internal sealed class MembershipCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var data = new Dictionary<string, object> { ["silos"] = snapshot.Members.Count(m => m.Value.Status == SiloStatus.Active) };
        var description = status.ToString().ToLowerInvariant();
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy(description, data)
            : HealthCheckResult.Unhealthy(description, data: data));
    }
}

internal sealed class StorageCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IStorageProbe>() is not { } probe)
            return HealthCheckResult.Healthy("memory", new Dictionary<string, object> { ["mode"] = "in-memory" });
        var answer = await probe.CheckAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["mode"] = "postgresql" };
        return answer.StartsWith("unavailable", StringComparison.Ordinal)
            ? HealthCheckResult.Unhealthy(answer, data: data)
            : HealthCheckResult.Healthy(answer, data);
    }
}

internal sealed class LivePushCheck(PushRouter push) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(push.Started ? HealthCheckResult.Healthy("started") : HealthCheckResult.Unhealthy("starting"));
}

internal sealed class DemoImportCheck(DemoPortfolio demo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(demo.Ready ? HealthCheckResult.Healthy("ready") : HealthCheckResult.Unhealthy("importing"));
}

/// <summary>Implemented by durable storage: "ok", or "unavailable: why".</summary>
public interface IStorageProbe
{
    Task<string> CheckAsync(CancellationToken ct);
}
