using System.Security.Claims;

namespace Pmo.Host.Dashboard;

/// <summary>
/// What a dashboard user may see. Every read and the live feed of the dashboard ask this class, with
/// the circuit's user, before they hand anything over: this is where per-portfolio scopes from the
/// user's claims plug in. Today (no authentication) everybody sees everything, like the API does.
/// </summary>
public class DashboardScope
{
    /// <summary>True when the user sees every portfolio, so no filtering is needed.</summary>
    public virtual bool SeesEverything(ClaimsPrincipal user) => true;

    /// <summary>Whether the user may see a portfolio (and so its projects and their alerts).</summary>
    public virtual bool SeesPortfolio(ClaimsPrincipal user, string portfolioId) => true;

    /// <summary>Whether the user may drive the simulation clock.</summary>
    public virtual bool MayDriveSimulation(ClaimsPrincipal user) => true;
}
