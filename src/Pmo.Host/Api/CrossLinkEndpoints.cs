using Pmo.Contracts;
using Pmo.Contracts.Commands;
using Pmo.Host.Access;

namespace Pmo.Host.Api;

public static class CrossLinkEndpoints
{
    public static void MapCrossLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/crosslinks").WithTags("Cross-project links");

        // Both ends' projects are named by the body: CommandFilter judges them against the caller's scope.
        links.MapPost("/", (Sent<AddCrossLink> link, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Enterprise(grains).AddCrossLink(r, link.Value)))
            .Command("addCrossLink", Target.CrossLinks, scopedByBody: true)
            .WithSummary("Add a cross-project dependency (409 with the cycle if it would close one)");

        links.MapDelete("/", (Sent<RemoveCrossLink> link, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Enterprise(grains).RemoveCrossLink(r, link.Value)))
            .Command("removeCrossLink", Target.CrossLinks, scopedByBody: true)
            .WithSummary("Remove a cross-project dependency");
    }

    private static IEnterpriseGrain Enterprise(IGrainFactory grains) => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);
}
