using System.Text.Json;
using System.Text.Json.Nodes;
using Pmo.Contracts;
using Pmo.Host.Hosting;

namespace Pmo.Host.Api;

public static class PortfolioEndpoints
{
    public static void MapPortfolioEndpoints(this IEndpointRouteBuilder app)
    {
        var portfolios = app.MapGroup("/api/portfolios").WithTags("Portfolios");

        portfolios.MapGet("/", async (IGrainFactory grains) =>
        {
            var ids = await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).PortfolioIds();
            var views = await Task.WhenAll(ids.Select(id => View(grains, id)));
            return Results.Json(views.OfType<PortfolioView>(), JsonBody.Options);
        }).WithSummary("Every portfolio's roll-up");

        portfolios.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            await View(grains, id) is { } view
                ? Results.Json(view, JsonBody.Options)
                : Problems.NotFound($"Portfolio {id} does not exist."))
            .WithSummary("A portfolio's roll-up over its projects and sub-portfolios");

        portfolios.MapPut("/{id}", Put)
            .WithSummary("Create or change a portfolio (a new parentId re-parents it)");

        portfolios.MapDelete("/{id}", (string id, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).DeletePortfolio(r, id)))
            .WithSummary("Remove an empty portfolio");
    }

    private static async Task<PortfolioView?> View(IGrainFactory grains, string id)
    {
        var view = await grains.GetGrain<IPortfolioGrain>(id).GetView();
        if (view is null) return null;
        var open = await grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).OpenCount($"portfolio:{id}");
        return view with { OpenAlerts = open };
    }

    /// <summary>Read by hand: an omitted parentId keeps the parent, an explicit null makes a root.</summary>
    private static async Task<IResult> Put(string id, HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options)
    {
        var body = await JsonBody.Read<JsonObject>(http, options.MaxCommandBytes);
        if (body.Error is not null) return body.Error;
        var json = body.Value!;
        var errors = new Dictionary<string, string[]>();
        var name = Read<string>(json, "name", errors);
        var parentGiven = json.ContainsKey("parentId");
        var parentId = Read<string>(json, "parentId", errors);
        var budget = Read<decimal?>(json, "budget", errors);
        if (errors.Count > 0) return Problems.Invalid(errors, "The portfolio is not valid.");
        return await changes.Issue(r => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key)
            .PutPortfolio(r, id, name, parentGiven, parentId, budget));
    }

    private static T? Read<T>(JsonObject json, string field, Dictionary<string, string[]> errors)
    {
        if (json[field] is not { } node) return default;
        try { return node.Deserialize<T>(JsonBody.Options); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            errors[field] = [$"{field} has the wrong type."];
            return default;
        }
    }
}
