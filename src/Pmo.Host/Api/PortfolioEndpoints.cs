using Microsoft.AspNetCore.Http.HttpResults;
using Pmo.Contracts;
using Pmo.Host.Access;

namespace Pmo.Host.Api;

public static class PortfolioEndpoints
{
    public static void MapPortfolioEndpoints(this IEndpointRouteBuilder app)
    {
        var portfolios = app.MapGroup("/api/portfolios").WithTags("Portfolios");

        portfolios.MapGet("/", async (IGrainFactory grains, HttpContext http, PortfolioAccess access) =>
        {
            var ids = await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).PortfolioIds();
            // Only what the caller may see; a portfolio above their grant is outside it.
            var scope = await access.ScopeOf(http.User);
            var open = await grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).OpenCountsByPortfolio();
            var views = await Task.WhenAll(ids.Where(scope.SeesPortfolio).Select(id => grains.GetGrain<IPortfolioGrain>(id).GetView()));
            return Results.Json(views.OfType<PortfolioView>().Select(v => Seen(v with { OpenAlerts = open.GetValueOrDefault(v.Id) }, scope)), JsonBody.Options);
        }).Reads().WithSummary("Every portfolio's roll-up");

        portfolios.MapGet("/{id}", async (string id, IGrainFactory grains, HttpContext http, PortfolioAccess access) =>
            await View(grains, id) is { } view
                ? Results.Json(Seen(view, await access.ScopeOf(http.User)), JsonBody.Options)
                : Problems.NotFound($"Portfolio {id} does not exist."))
            .Reads(Target.Portfolio).WithSummary("A portfolio's roll-up over its projects and sub-portfolios");

        portfolios.MapPut("/{id}", Put)
            .Command("putPortfolio", Target.PortfolioOrNew, scopedByBody: true)
            .WithSummary("Create or change a portfolio (a new parentId re-parents it)");
    }

    /// <summary>A granted portfolio's parent is above the caller's scope: it reads as a root to them.</summary>
    private static PortfolioView Seen(PortfolioView view, AccessScope scope) =>
        view.ParentId is null || scope.SeesPortfolio(view.ParentId) ? view : view with { ParentId = null };

    private static async Task<PortfolioView?> View(IGrainFactory grains, string id)
    {
        var view = await grains.GetGrain<IPortfolioGrain>(id).GetView();
        if (view is null) return null;
        var open = await grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).OpenCount($"portfolio:{id}");
        return view with { OpenAlerts = open };
    }

    private static async Task<CommandAnswer> Put(SentPortfolio put, HttpContext http, ChangeIssuer changes, IGrainFactory grains, PortfolioAccess access)
    {
        var portfolio = put.Value;
        if (await MakesRootOutsideGrant(http, access, portfolio.PortfolioId, portfolio.ParentIdGiven, portfolio.ParentId) is { } forbidden) return forbidden;
        return await changes.Issue(r => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).PutPortfolio(r, portfolio));
    }

    /// <summary>A new root (a new portfolio without a parent, or an existing one cut loose) is pmo's to make.</summary>
    private static async Task<ProblemHttpResult?> MakesRootOutsideGrant(HttpContext http, PortfolioAccess access, string id, bool parentGiven, string? parentId)
    {
        var caller = Caller.From(http.User);
        if (caller.IsPmo || (parentGiven && parentId is not null)) return null;
        var tree = (await access.ScopeOf(http.User)).Tree;
        var exists = tree.Contains(id);
        var staysAsItIs = exists && (!parentGiven || tree.Parents[id] is null);
        return staysAsItIs ? null : AccessAnswers.Forbidden();
    }
}
