using System.Globalization;
using Pmo.Contracts;
using Pmo.Host.Access;

namespace Pmo.Host.Api;

public static class ResourceEndpoints
{
    public static void MapResourceEndpoints(this IEndpointRouteBuilder app)
    {
        // A resource's move is in CommandEndpoints.
        app.MapGet("/api/resources/{id}/load", async (string id, string? from, string? to, IGrainFactory grains, HttpContext http, PortfolioAccess access) =>
        {
            if (!TryDate(from, out var fromDate)) return Problems.Invalid("from", "from must be a date yyyy-MM-dd.");
            if (!TryDate(to, out var toDate)) return Problems.Invalid("to", "to must be a date yyyy-MM-dd.");
            if (fromDate > toDate) return Problems.Invalid("to", "to must not be before from.");
            if (await grains.GetGrain<IResourceGrain>(id).GetLoad(fromDate, toDate) is not { } load)
                return Problems.NotFound($"Resource {id} does not exist.");
            // Every signed-in caller reads a resource's whole load (that is what makes a conflict), but only
            // the projects they may see are named in it.
            var scope = await access.ScopeOf(http.User, load.Days.SelectMany(d => d.Projects));
            if (!scope.Everything)
                load = load with { Days = [.. load.Days.Select(d => d with { Projects = [.. d.Projects.Where(scope.SeesProject)] })] };
            return Results.Json(load, JsonBody.Options);
        }).WithTags("Resources").Reads().WithSummary("A resource's daily load and over-allocated runs");
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }
}
