using System.Security.Claims;
using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Tests.Components;

/// <summary>Every data interface of the dashboard over fixed rows, plus a feed the test pushes into.</summary>
internal sealed class FakeData : IPortfolioData, IProjectData, IResourceData, IDependencyData, IAlertData, IChangeData, ILiveFeed, ISimulationControl, IUserSession
{
    public List<PortfolioRow> Portfolios { get; } = [];
    public List<ProjectRow> Projects { get; } = [];
    public Dictionary<string, ProjectDetail> Details { get; } = [];
    public ResourceHeatMap HeatMap { get; set; } = new([], []);
    public DependencyGraph Graph { get; set; } = new([], []);
    public List<AlertItem> Alerts { get; } = [];
    public Dictionary<string, ChangeTraceView> Changes { get; } = [];
    public List<(string Scope, long? AfterSeq, Func<LiveUpdate, Task> Handler)> Subscriptions { get; } = [];
    public List<ClaimsPrincipal> Users { get; } = [];

    public Task<PortfolioOverview> GetOverviewAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        Users.Add(user);
        return Task.FromResult(new PortfolioOverview([.. Portfolios], [.. Projects]));
    }

    public Task<IReadOnlyList<PortfolioRow>> GetPortfoliosAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PortfolioRow>>([.. Portfolios]);

    public Task<ProjectDetail?> GetProjectAsync(ClaimsPrincipal user, string projectId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Details.GetValueOrDefault(projectId));

    public Task<ResourceHeatMap> GetHeatMapAsync(ClaimsPrincipal user, int weeks, CancellationToken cancellationToken = default) => Task.FromResult(HeatMap);

    public Task<DependencyGraph> GetDependenciesAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) => Task.FromResult(Graph);

    public Task<AlertPageResult> GetAlertsAsync(ClaimsPrincipal user, string scope, long after, int limit, CancellationToken cancellationToken = default)
    {
        var items = Alerts.Where(a => a.Seq > after).OrderBy(a => a.Seq).Take(limit).ToList();
        return Task.FromResult(new AlertPageResult(items, Alerts.Count == 0 ? 0 : Alerts.Max(a => a.Seq)));
    }

    public Task<ChangeTraceView?> GetChangeAsync(ClaimsPrincipal user, string changeId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Changes.GetValueOrDefault(changeId));

    public Task<IAsyncDisposable> SubscribeAsync(ClaimsPrincipal user, string scope, long? afterSeq, Func<LiveUpdate, Task> onUpdate, CancellationToken cancellationToken = default)
    {
        Subscriptions.Add((scope, afterSeq, onUpdate));
        return Task.FromResult<IAsyncDisposable>(new Nothing());
    }

    /// <summary>Delivers an update to every subscriber, as the router would.</summary>
    public async Task PushAsync(LiveUpdate update)
    {
        foreach (var (_, _, handler) in Subscriptions.ToList()) await handler(update);
    }

    public SimulationState State { get; set; } = new(false, false, TimeSpan.Zero, null, 0, null);
    public event Action? Changed;
    public List<string> ClockCalls { get; } = [];
    public void Pause(ClaimsPrincipal user) { ClockCalls.Add("pause"); State = State with { Running = false }; Changed?.Invoke(); }
    public void Resume(ClaimsPrincipal user) { ClockCalls.Add("resume"); State = State with { Running = true }; Changed?.Invoke(); }
    public void SetPace(ClaimsPrincipal user, TimeSpan perDay) { ClockCalls.Add($"pace {perDay.TotalMilliseconds}"); State = State with { Pace = perDay }; Changed?.Invoke(); }

    /// <summary>Who <see cref="SignedInAs"/> says the user is; null: no session (authentication off).</summary>
    public string? Session { get; set; }
    public string? SignedInAs(ClaimsPrincipal user) => Session;

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
