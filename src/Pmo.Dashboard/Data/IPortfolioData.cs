using System.Security.Claims;

namespace Pmo.Dashboard.Data;

// Every read takes the circuit's user: the host decides what that user may see (its scope), the
// dashboard never filters by itself. With no authentication configured every user sees everything.

/// <summary>The portfolio tree with roll-ups and every project's summary row.</summary>
public interface IPortfolioData
{
    Task<PortfolioOverview> GetOverviewAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);

    /// <summary>The portfolio roll-ups alone (cheap: one read per portfolio), for refreshing after a push.</summary>
    Task<IReadOnlyList<PortfolioRow>> GetPortfoliosAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);
}

/// <summary>One project's plan for the Gantt: tasks, links, baselines, status date, earned value.</summary>
public interface IProjectData
{
    Task<ProjectDetail?> GetProjectAsync(ClaimsPrincipal user, string projectId, CancellationToken cancellationToken = default);
}

/// <summary>Load against capacity per resource per week, from the week of the status date on.</summary>
public interface IResourceData
{
    Task<ResourceHeatMap> GetHeatMapAsync(ClaimsPrincipal user, int weeks, CancellationToken cancellationToken = default);
}

/// <summary>Projects and the cross links between them.</summary>
public interface IDependencyData
{
    Task<DependencyGraph> GetDependenciesAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);
}

/// <summary>A scope's alert log after a seq (CONTRACT.md "GET /api/alerts").</summary>
public interface IAlertData
{
    Task<AlertPageResult> GetAlertsAsync(ClaimsPrincipal user, string scope, long after, int limit, CancellationToken cancellationToken = default);
}

/// <summary>What a change touched; null when the id is unknown (or outside the user's scope).</summary>
public interface IChangeData
{
    Task<ChangeTraceView?> GetChangeAsync(ClaimsPrincipal user, string changeId, CancellationToken cancellationToken = default);
}

/// <summary>The demo's simulation clock; <see cref="SimulationState.Available"/> is false when the host runs none.</summary>
public interface ISimulationControl
{
    SimulationState State { get; }
    event Action? Changed;
    void Pause(ClaimsPrincipal user);
    void Resume(ClaimsPrincipal user);
    void SetPace(ClaimsPrincipal user, TimeSpan perDay);
}
