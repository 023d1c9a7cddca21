using System.Text.Json;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Push;

/// <summary>Builds the projectChanged / portfolioChanged / resourceChanged payloads grains publish.</summary>
internal static class Summaries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PushedSummary Project(ProjectSummary s, string changeId, long version) => new()
    {
        Kind = "project", Id = s.ProjectId, PortfolioId = s.PortfolioId, ChangeId = changeId, Version = version,
        Json = JsonSerializer.Serialize(new
        {
            id = s.ProjectId, name = s.Name, portfolioId = s.PortfolioId, finish = s.Finish, baselineFinish = s.BaselineFinish,
            budget = s.Budget, eac = Figures.Money(s.Totals.Eac), cpi = Figures.Index(s.Totals.Cpi), spi = Figures.Index(s.Totals.Spi),
            health = s.Health.ToString().ToLowerInvariant(), openAlerts = s.OpenAlerts, changeId,
        }, Json),
    };

    public static PushedSummary Portfolio(PortfolioView v, string changeId, long version) => new()
    {
        Kind = "portfolio", Id = v.Id, PortfolioId = v.ParentId, ChangeId = changeId, Version = version,
        Json = JsonSerializer.Serialize(new
        {
            id = v.Id, name = v.Name, parentId = v.ParentId, projectCount = v.ProjectCount, budget = v.Budget, eac = v.Eac,
            cpi = v.Cpi, spi = v.Spi, health = v.Health, finish = v.Finish, changeId,
        }, Json),
    };

    public static PushedSummary Resource(string id, string name, string pool, decimal capacity, int runs, decimal peak, string changeId, long version) => new()
    {
        Kind = "resource", Id = id, ChangeId = changeId, Version = version,
        Json = JsonSerializer.Serialize(new { id, name, pool, capacity, overallocatedRuns = runs, peak, changeId }, Json),
    };
}
