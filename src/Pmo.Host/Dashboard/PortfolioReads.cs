using System.Security.Claims;
using Pmo.Contracts;
using Pmo.Dashboard.Data;

namespace Pmo.Host.Dashboard;

/// <summary>
/// The overview and the dependency map, read from the grains: the enterprise outline for the tree,
/// each portfolio's roll-up and its projects' latest summaries (one call per portfolio, not per project,
/// so 10,000 projects cost as many calls as there are portfolios).
/// </summary>
internal sealed class PortfolioReads(IGrainFactory grains, DashboardScope scope) : IPortfolioData, IDependencyData
{
    private IEnterpriseGrain Enterprise => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);
    private IAlertLogGrain Log => grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key);

    public async Task<PortfolioOverview> GetOverviewAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var ids = await VisiblePortfolios(user);
        var portfolios = ReadPortfolios(ids);
        var projects = await Task.WhenAll(ids.Select(id => grains.GetGrain<IPortfolioGrain>(id).GetProjects()));
        return new PortfolioOverview(await portfolios, [.. projects.SelectMany(p => p).Select(DashboardMapping.Row)]);
    }

    public async Task<IReadOnlyList<PortfolioRow>> GetPortfoliosAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        await ReadPortfolios(await VisiblePortfolios(user));

    public async Task<DependencyGraph> GetDependenciesAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var outline = await Enterprise.Outline();
        var visible = outline.Portfolios.Where(p => scope.SeesPortfolio(user, p.Id)).Select(p => p.Id).ToArray();
        var summaries = (await Task.WhenAll(visible.Select(id => grains.GetGrain<IPortfolioGrain>(id).GetProjects())))
            .SelectMany(p => p).ToDictionary(p => p.ProjectId, StringComparer.Ordinal);
        var edges = outline.CrossLinks
            .Where(l => summaries.ContainsKey(l.FromProject) && summaries.ContainsKey(l.ToProject))
            .GroupBy(l => (l.FromProject, l.ToProject))
            .Select(g => new DependencyEdge(g.Key.FromProject, g.Key.ToProject, g.Count()))
            .ToList();
        var linked = edges.SelectMany(e => new[] { e.FromProject, e.ToProject }).ToHashSet(StringComparer.Ordinal);
        // Only projects with cross links: the map answers "which slip delays which project".
        var nodes = summaries.Values.Where(s => linked.Contains(s.ProjectId))
            .Select(s => new DependencyNode(s.ProjectId, s.Name, s.Health.ToString().ToLowerInvariant(), s.Finish, s.BaselineFinish))
            .ToList();
        return new DependencyGraph(nodes, edges);
    }

    private async Task<string[]> VisiblePortfolios(ClaimsPrincipal user) =>
        [.. (await Enterprise.PortfolioIds()).Where(id => scope.SeesPortfolio(user, id))];

    private async Task<IReadOnlyList<PortfolioRow>> ReadPortfolios(string[] ids)
    {
        var open = await Log.OpenCountsByPortfolio();
        var rows = await Task.WhenAll(ids.Select(async id =>
        {
            var view = await grains.GetGrain<IPortfolioGrain>(id).GetView();
            return view is null ? null : DashboardMapping.Row(view, open.GetValueOrDefault(id));
        }));
        return [.. rows.OfType<PortfolioRow>()];
    }
}
