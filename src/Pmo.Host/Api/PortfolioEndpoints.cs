using System.Text.Json;
using System.Text.Json.Nodes;
using Pmo.Contracts;
using Pmo.Host.Access;
using Pmo.Host.Hosting;

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
            var views = await Task.WhenAll(ids.Where(scope.SeesPortfolio).Select(id => View(grains, id)));
            return Results.Json(views.OfType<PortfolioView>().Select(v => Seen(v, scope)), JsonBody.Options);
        }).Reads().WithSummary("Every portfolio's roll-up");

        portfolios.MapGet("/{id}", async (string id, IGrainFactory grains, HttpContext http, PortfolioAccess access) =>
            await View(grains, id) is { } view
                ? Results.Json(Seen(view, await access.ScopeOf(http.User)), JsonBody.Options)
                : Problems.NotFound($"Portfolio {id} does not exist."))
            .Reads(Target.Portfolio).WithSummary("A portfolio's roll-up over its projects and sub-portfolios");

        portfolios.MapPut("/{id}", Put)
            .Command("putPortfolio", Target.PortfolioOrNew, scopedByBody: true)
            .WithSummary("Create or change a portfolio (a new parentId re-parents it)");

        portfolios.MapDelete("/{id}", (string id, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).DeletePortfolio(r, id)))
            .Command("deletePortfolio", Target.Portfolio)
            .WithSummary("Remove an empty portfolio");
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

    /// <summary>Read by hand: an omitted parentId keeps the parent, an explicit null makes a root, a blank one is refused.</summary>
    private static async Task<IResult> Put(string id, HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options,
        BodyScope scope, PortfolioAccess access)
    {
        var body = await JsonBody.Read<JsonObject>(http, options.MaxCommandBytes);
        if (body.Error is not null) return body.Error;
        var json = body.Value!;
        var errors = new Dictionary<string, string[]>();
        var name = Read<string>(json, "name", "a string", errors);
        var parentGiven = json.ContainsKey("parentId");
        var parentId = Read<string>(json, "parentId", "a portfolio id (a string), or null to make a root", errors);
        if (parentId is not null && string.IsNullOrWhiteSpace(parentId))
            errors["parentId"] = ["parentId must name a portfolio; null makes a root, a blank is not an id."];
        var budget = Read<decimal?>(json, "budget", "a number >= 0", errors);
        if (errors.Count > 0) return Problems.Invalid(errors, "The portfolio is not valid.");
        if (await scope.Check(http, [], [("parentId", parentId)]) is { } refused) return refused;
        if (await MakesRootOutsideGrant(http, access, id, parentGiven, parentId) is { } forbidden) return forbidden;
        return await changes.Issue(r => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key)
            .PutPortfolio(r, id, name, parentGiven, parentId, budget));
    }

    /// <summary>A new root (a new portfolio without a parent, or an existing one cut loose) is pmo's to make.</summary>
    private static async Task<IResult?> MakesRootOutsideGrant(HttpContext http, PortfolioAccess access, string id, bool parentGiven, string? parentId)
    {
        var caller = Caller.From(http.User);
        if (caller.IsPmo || (parentGiven && parentId is not null)) return null;
        var tree = (await access.ScopeOf(http.User)).Tree;
        var exists = tree.Contains(id);
        var staysAsItIs = exists && (!parentGiven || tree.Parents[id] is null);
        return staysAsItIs ? null : AccessAnswers.Forbidden();
    }

    private static T? Read<T>(JsonObject json, string field, string expected, Dictionary<string, string[]> errors)
    {
        if (json[field] is not { } node) return default;
        try { return node.Deserialize<T>(JsonBody.Options); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            errors[field] = [$"{field} must be {expected}."];
            return default;
        }
    }
}
