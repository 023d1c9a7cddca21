using System.Security.Claims;
using Pmo.Host.Access;
using Pmo.Host.Push;

namespace Pmo.Host.Dashboard;

/// <summary>
/// What a dashboard user may see, by the same rules as the API (<see cref="Caller"/>: pmo sees
/// everything; a portfolio manager or viewer their granted portfolios with their subtrees). Every read
/// and the live feed of the dashboard ask this class, with the circuit's user, before they hand anything
/// over. It judges against the portfolio tree the push router keeps current, so a page can filter
/// each live batch without a grain call; with authentication off every user is pmo.
/// </summary>
public class DashboardScope(PushRouter router)
{
    /// <summary>True when the user sees every portfolio, so no filtering is needed.</summary>
    public virtual bool SeesEverything(ClaimsPrincipal user) => Caller.From(user).IsPmo;

    /// <summary>Whether the user may see a portfolio (and so its projects and their alerts).</summary>
    public virtual bool SeesPortfolio(ClaimsPrincipal user, string portfolioId)
    {
        var caller = Caller.From(user);
        if (caller.IsPmo) return true;
        if (!caller.MayRead || caller.Portfolios.Count == 0) return false;
        return router.Tree.Lineage(portfolioId).Any(p => caller.Portfolios.Contains(p, StringComparer.Ordinal));
    }

    /// <summary>Whether the user may drive the simulation clock: it changes every project, so pmo only.</summary>
    public virtual bool MayDriveSimulation(ClaimsPrincipal user) => Caller.From(user).IsPmo;
}
