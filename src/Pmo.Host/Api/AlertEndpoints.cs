using Pmo.Contracts;
using Pmo.Grains.Alerts;

namespace Pmo.Host.Api;

public static class AlertEndpoints
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", async (string? scope, long? after, int? limit, IGrainFactory grains) =>
        {
            if (!AlertScope.TryParse(scope, out var parsed))
                return Problems.Invalid("scope", "scope is all, portfolio:{id}, project:{id} or resource:{id}.");
            if (after is < 0) return Problems.Invalid("after", "after must be >= 0.");
            if (limit is < 1 or > MaxLimit) return Problems.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
            var page = await grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).Query(parsed.ToString(), after ?? 0, limit ?? DefaultLimit);
            return Results.Json(page, JsonBody.Options);
        }).WithTags("Alerts").WithSummary("A scope's alert log, oldest first, entries after a sequence number");

        app.MapGet("/api/changes/{changeId}", async (string changeId, IGrainFactory grains) =>
            await grains.GetGrain<IChangeGrain>(changeId).GetStatus() is { } status
                ? Results.Json(status, JsonBody.Options)
                : Problems.NotFound($"Change {changeId} is not known."))
            .WithTags("Changes").WithSummary("Whether a change has settled, and what it touched");
    }
}
