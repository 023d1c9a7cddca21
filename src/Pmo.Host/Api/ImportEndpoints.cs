using Pmo.Contracts;
using Pmo.Domain.Documents;
using Pmo.Host.Access;
using Pmo.Host.Hosting;

namespace Pmo.Host.Api;

public static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/import", Import)
            .WithTags("Import and export")
            .Command("import", Target.Import, Right.Pmo)
            .WithSummary("Upsert a whole portfolio document, all or nothing")
            .Accepts<PortfolioDocument>("application/json")
            .Produces<ChangeAccepted>(StatusCodes.Status202Accepted);

        app.MapGet("/api/export", async (IGrainFactory grains) =>
                TypedResults.Json(await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).Export(), JsonBody.Options))
            .PmoReads()
            .WithTags("Import and export")
            .WithSummary("The portfolio document as it stands now");
    }

    private static async Task<IResult> Import(HttpContext context, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options)
    {
        var body = await JsonBody.Read<PortfolioDocument>(context, options.MaxImportBytes);
        if (body.Error is not null) return body.Error;
        if (DocumentLimits.Check(body.Value!) is { Count: > 0 } tooMuch) return Problems.Invalid(tooMuch);
        return await changes.Issue(r => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).Import(r, body.Value!), watchSettling: false);
    }
}
