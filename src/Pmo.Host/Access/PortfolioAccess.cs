using System.Security.Claims;
using Pmo.Contracts;

namespace Pmo.Host.Access;

/// <summary>
/// The one place that answers "what may this caller see": HTTP endpoints, the hub and (in-process, with a
/// circuit's principal) the dashboard ask it. Every answer reads the enterprise's current portfolio tree,
/// so a project moved out of a manager's portfolio is out of their scope with the next call.
/// </summary>
public sealed class PortfolioAccess(IGrainFactory grains)
{
    private IEnterpriseGrain Enterprise => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);

    /// <summary>The caller's scope, knowing where <paramref name="projectIds"/> sit (other projects read as unseen).</summary>
    public async Task<AccessScope> ScopeOf(ClaimsPrincipal user, IEnumerable<string>? projectIds = null)
    {
        var caller = Caller.From(user);
        if (caller.IsPmo) return AccessScope.Unlimited(caller);
        if (!caller.MayRead) return AccessScope.Of(caller, new Placement { Parents = [], ProjectPortfolios = [] });
        return AccessScope.Of(caller, await Enterprise.Place([.. (projectIds ?? []).Distinct(StringComparer.Ordinal)]));
    }

    /// <summary>Visible portfolio ids, or null for everything.</summary>
    public async Task<IReadOnlySet<string>?> VisiblePortfolioIds(ClaimsPrincipal user)
    {
        var scope = await ScopeOf(user);
        return scope.Everything ? null : scope.Portfolios;
    }

    public async Task<bool> CanSeePortfolio(ClaimsPrincipal user, string portfolioId) =>
        (await ScopeOf(user)).SeesPortfolio(portfolioId);

    public async Task<bool> CanSeeProject(ClaimsPrincipal user, string projectId) =>
        (await ScopeOf(user, [projectId])).SeesProject(projectId);

    /// <summary>Alerts as this caller receives them: invisible ones dropped, ids outside the scope left out.</summary>
    public async Task<AlertEntry[]> Redact(ClaimsPrincipal user, IReadOnlyCollection<AlertEntry> alerts)
    {
        var caller = Caller.From(user);
        if (caller.IsPmo || alerts.Count == 0) return [.. alerts];
        var scope = await ScopeOf(user, alerts.SelectMany(a => a.ProjectIds));
        return [.. alerts.Select(scope.Redact).OfType<AlertEntry>()];
    }

    /// <summary>A page of a scope's alert log as this caller may read it (CONTRACT.md: for anyone but pmo,
    /// only alerts with a portfolio in scope, and lastSeq of that filtered log).</summary>
    public async Task<AlertPage> ReadAlerts(ClaimsPrincipal user, string scope, long after, int limit)
    {
        var caller = Caller.From(user);
        var log = grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key);
        if (caller.IsPmo) return await log.Query(scope, after, limit);
        var page = await log.QueryVisible(scope, after, limit, [.. caller.Portfolios]);
        return page with { Items = await Redact(user, page.Items) };
    }

    /// <summary>A change is in scope when everything its command named is (an import's is pmo's alone).</summary>
    public async Task<bool> CanSeeChange(ClaimsPrincipal user, ChangeStatus change)
    {
        var caller = Caller.From(user);
        if (caller.IsPmo) return true;
        if (change.Subjects.Length == 0) return false;
        var projects = change.Subjects.Where(s => s.StartsWith("project:", StringComparison.Ordinal)).Select(s => s["project:".Length..]);
        var scope = await ScopeOf(user, projects);
        return change.Subjects.All(s =>
            s.StartsWith("project:", StringComparison.Ordinal) ? scope.SeesProject(s["project:".Length..])
            : s.StartsWith("portfolio:", StringComparison.Ordinal) && scope.SeesPortfolio(s["portfolio:".Length..]));
    }
}
