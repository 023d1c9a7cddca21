using Pmo.Host.Access;
using Pmo.Host.Api;

namespace Pmo.Host.Audit;

public static class AuditEndpoints
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (long? after, int? limit, AuditTrail trail, CancellationToken ct) =>
        {
            if (after is < 0) return Problems.Invalid("after", "after must be >= 0.");
            if (limit is < 1 or > MaxLimit) return Problems.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
            return Results.Json(await trail.Store.ReadAsync(after ?? 0, limit ?? DefaultLimit, ct), JsonBody.Options);
        }).PmoReads().WithTags("Audit").WithSummary("Every command request, accepted or refused, oldest first (pmo only)");
    }
}
