using Pmo.Contracts;
using Pmo.Domain.Documents;
using Pmo.Host.Hosting;

namespace Pmo.Host.Api;

public static class CrossLinkEndpoints
{
    public static void MapCrossLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/crosslinks").WithTags("Cross-project links");

        links.MapPost("/", (HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options) =>
            Run(http, changes, options, (r, link) => Enterprise(grains).AddCrossLink(r, link)))
            .Accepts<CrossLinkEntry>("application/json")
            .WithSummary("Add a cross-project dependency (409 with the cycle if it would close one)");

        links.MapDelete("/", (HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options) =>
            Run(http, changes, options, (r, link) => Enterprise(grains).RemoveCrossLink(r, link)))
            .Accepts<CrossLinkEntry>("application/json")
            .WithSummary("Remove a cross-project dependency");
    }

    private static async Task<IResult> Run(HttpContext http, ChangeIssuer changes, PmoHostOptions options,
        Func<Ripple, CrossLinkEntry, Task<Pmo.Domain.Catalog.Refusal?>> command)
    {
        var body = await JsonBody.Read<CrossLinkEntry>(http, options.MaxCommandBytes);
        if (body.Error is not null) return body.Error;
        return await changes.Issue(r => command(r, body.Value!));
    }

    private static IEnterpriseGrain Enterprise(IGrainFactory grains) => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);
}
