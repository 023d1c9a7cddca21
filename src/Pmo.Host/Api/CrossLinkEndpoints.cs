using Pmo.Contracts;
using Pmo.Domain.Documents;
using Pmo.Host.Access;
using Pmo.Host.Hosting;

namespace Pmo.Host.Api;

public static class CrossLinkEndpoints
{
    public static void MapCrossLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/crosslinks").WithTags("Cross-project links");

        links.MapPost("/", (HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options, BodyScope scope) =>
            Run(http, changes, options, scope, (r, link) => Enterprise(grains).AddCrossLink(r, link)))
            .Command("addCrossLink", Target.CrossLinks, scopedByBody: true)
            .Accepts<CrossLinkEntry>("application/json")
            .WithSummary("Add a cross-project dependency (409 with the cycle if it would close one)");

        links.MapDelete("/", (HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options, BodyScope scope) =>
            Run(http, changes, options, scope, (r, link) => Enterprise(grains).RemoveCrossLink(r, link)))
            .Command("removeCrossLink", Target.CrossLinks, scopedByBody: true)
            .Accepts<CrossLinkEntry>("application/json")
            .WithSummary("Remove a cross-project dependency");
    }

    private static async Task<IResult> Run(HttpContext http, ChangeIssuer changes, PmoHostOptions options, BodyScope scope,
        Func<Ripple, CrossLinkEntry, Task<Pmo.Domain.Catalog.Refusal?>> command)
    {
        var body = await JsonBody.Read<CrossLinkEntry>(http, options.MaxCommandBytes);
        if (body.Error is not null) return body.Error;
        var link = body.Value!;
        // A cross link is a manager's to change only when both of its projects are in their scope.
        if (await scope.Check(http, [("fromProject", link.FromProject), ("toProject", link.ToProject)], []) is { } refused) return refused;
        BodyScope.NameSubjects(http, link.FromProject, link.ToProject);
        return await changes.Issue(r => command(r, body.Value!));
    }

    private static IEnterpriseGrain Enterprise(IGrainFactory grains) => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);
}
