using Pmo.Host.Access;
using Pmo.Host.Api;

namespace Pmo.Host.Audit;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (long? after, int? limit, AuditTrail trail, CancellationToken ct) =>
        {
            if (LogPaging.Refusal(after, limit) is { } refusal) return refusal;
            return Results.Json(await trail.Store.ReadAsync(after ?? 0, limit ?? LogPaging.DefaultLimit, ct), JsonBody.Options);
        }).PmoReads().WithTags("Audit").WithSummary("Every command request, accepted or refused, oldest first (pmo only)");
    }
}
