using System.Text.Json;
using Pmo.Contracts;
using Pmo.Grains.Propagation;

namespace Pmo.Host.Push;

/// <summary>
/// The projectChanged / portfolioChanged / resourceChanged payloads, shaped here from the typed summaries
/// grains publish (money to cents and indices to 4 places, as the API rounds; health in lower case).
/// </summary>
internal static class SummaryJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonElement Of(PushedSummary summary) => summary switch
    {
        { Project: { } p } => JsonSerializer.SerializeToElement(new
        {
            id = p.ProjectId, name = p.Name, portfolioId = p.PortfolioId, finish = p.Finish, baselineFinish = p.BaselineFinish,
            budget = p.Budget, eac = Figures.Money(p.Totals.Eac), cpi = Figures.Index(p.Totals.Cpi), spi = Figures.Index(p.Totals.Spi),
            health = p.Health.ToString().ToLowerInvariant(), openAlerts = p.OpenAlerts, changeId = summary.ChangeId,
        }, Json),
        { Portfolio: { } v } => JsonSerializer.SerializeToElement(new
        {
            id = v.Id, name = v.Name, parentId = v.ParentId, projectCount = v.ProjectCount, budget = v.Budget, eac = v.Eac,
            cpi = v.Cpi, spi = v.Spi, health = v.Health, finish = v.Finish, changeId = summary.ChangeId,
        }, Json),
        { Resource: { } r } => JsonSerializer.SerializeToElement(new
        {
            id = r.Id, name = r.Name, pool = r.Pool, capacity = r.Capacity, overallocatedRuns = r.OverallocatedRuns, peak = r.Peak,
            changeId = summary.ChangeId,
        }, Json),
        _ => throw new ArgumentException($"A {summary.Kind} summary without its figures.", nameof(summary)),
    };
}
