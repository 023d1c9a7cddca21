using Pmo.Contracts;
using Pmo.Grains.Alerts;
using Pmo.Host.Access;

namespace Pmo.Host.Api;

public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", async (string? scope, long? after, int? limit, HttpContext http, PortfolioAccess access) =>
        {
            if (!AlertScope.TryParse(scope, out var parsed))
                return Problems.Invalid("scope", "scope is all, portfolio:{id}, project:{id} or resource:{id}.");
            if (LogPaging.Refusal(after, limit) is { } refusal) return refusal;
            // A portfolio or project outside the caller's scope reads as one that does not exist: an empty log.
            var hidden = parsed.Kind switch
            {
                "portfolio" => !await access.CanSeePortfolio(http.User, parsed.Id!),
                "project" => !await access.CanSeeProject(http.User, parsed.Id!),
                _ => false,
            };
            if (hidden) return Results.Json(new AlertPage { Items = [], LastSeq = 0 }, JsonBody.Options);
            var page = await access.ReadAlerts(http.User, parsed.ToString(), after ?? 0, limit ?? LogPaging.DefaultLimit);
            return Results.Json(page, JsonBody.Options);
        }).Reads().WithTags("Alerts").WithSummary("A scope's alert log, oldest first, entries after a sequence number");

        app.MapGet("/api/changes/{changeId}", async (string changeId, IGrainFactory grains, HttpContext http, PortfolioAccess access) =>
            await grains.GetGrain<IChangeGrain>(changeId).GetStatus() is { } status && await access.CanSeeChange(http.User, status)
                ? Results.Json(status, JsonBody.Options)
                : Problems.NotFound($"Change {changeId} is not known."))
            .Reads(Target.Change).WithTags("Changes").WithSummary("Whether a change has settled, and what it touched");
    }
}
