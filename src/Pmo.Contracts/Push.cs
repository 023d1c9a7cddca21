namespace Pmo.Contracts;

// Live push (CONTRACT.md "Live push"): what grains publish for SignalR clients, and how each web
// host receives it. Every host receives everything and filters by scope locally, as in the Orleans
// GPSTracker sample: no backplane, and a host that dies simply stops being on the list.

/// <summary>An alert log entry on its way to clients, with every scope it belongs to resolved
/// (a portfolio scope covers sub-portfolios, which only the log knows).</summary>
[GenerateSerializer, Immutable, Alias("pmo.pushed-alert")]
public sealed record PushedAlert
{
    [Id(0)] public required AlertEntry Entry { get; init; }
    [Id(1)] public required string[] Scopes { get; init; }
}

/// <summary>
/// A project, portfolio or resource summary that changed, for projectChanged and friends. Grains send the
/// typed summary; the web host shapes the JSON its clients receive (Pmo.Host.Push.SummaryJson), so that a
/// grain never builds wire text and the host can map the same summary into the dashboard's rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("pmo.pushed-summary.typed")]
public sealed record PushedSummary
{
    /// <summary>"project", "portfolio" or "resource".</summary>
    [Id(0)] public required string Kind { get; init; }
    [Id(1)] public required string Id { get; init; }
    /// <summary>The portfolio the subject sits in (a project's portfolio, a portfolio's parent); scopes above it follow the tree.</summary>
    [Id(2)] public string? PortfolioId { get; init; }
    [Id(3)] public required string ChangeId { get; init; }
    /// <summary>Newer replaces older when a host merges repeated updates of one subject.</summary>
    [Id(4)] public long Version { get; init; }
    // Exactly one of these, the one Kind names.
    [Id(5)] public ProjectSummary? Project { get; init; }
    [Id(6)] public PortfolioView? Portfolio { get; init; }
    [Id(7)] public ResourceSummary? Resource { get; init; }

    public static PushedSummary Of(ProjectSummary project, string changeId, long version) => new()
    {
        Kind = "project", Id = project.ProjectId, PortfolioId = project.PortfolioId, ChangeId = changeId, Version = version, Project = project,
    };

    public static PushedSummary Of(PortfolioView portfolio, string changeId, long version) => new()
    {
        Kind = "portfolio", Id = portfolio.Id, PortfolioId = portfolio.ParentId, ChangeId = changeId, Version = version, Portfolio = portfolio,
    };

    public static PushedSummary Of(ResourceSummary resource, string changeId, long version) => new()
    {
        Kind = "resource", Id = resource.Id, ChangeId = changeId, Version = version, Resource = resource,
    };
}

/// <summary>A resource's load in one line, what resourceChanged tells clients: its over-allocated runs and the highest load among them (0 without any).</summary>
[GenerateSerializer, Immutable, Alias("pmo.resource-summary")]
public sealed record ResourceSummary(
    [property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string Pool,
    [property: Id(3)] decimal Capacity, [property: Id(4)] int OverallocatedRuns, [property: Id(5)] decimal Peak);

[GenerateSerializer, Immutable, Alias("pmo.pushed-settled")]
public sealed record PushedSettlement
{
    [Id(0)] public required ChangeStatus Status { get; init; }
    /// <summary>The largest alert seq the change logged; a host holds the settlement back until it has delivered that far.</summary>
    [Id(1)] public long LastAlertSeq { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.push-batch")]
public sealed record PushBatch
{
    [Id(0)] public PushedAlert[] Alerts { get; init; } = [];
    [Id(1)] public PushedSummary[] Summaries { get; init; } = [];
    [Id(2)] public PushedSettlement[] Settlements { get; init; } = [];
    /// <summary>The portfolio tree (id → parent), when it changed.</summary>
    [Id(3)] public Dictionary<string, string?>? PortfolioTree { get; init; }

    public bool IsEmpty => Alerts.Length == 0 && Summaries.Length == 0 && Settlements.Length == 0 && PortfolioTree is null;
}

/// <summary>One per web host: receives every batch the cluster publishes.</summary>
[Alias("pmo.push-hub")]
public interface IPushHub : IGrainObserver
{
    [OneWay, Alias("deliver")] Task Deliver(PushBatch batch);
}

/// <summary>The list of web hosts' push observers, filtered by cluster membership.</summary>
[Alias("pmo.hub-directory")]
public interface IHubDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("add")] Task AddHub(SiloAddress host, IPushHub hub);
    [Alias("list")] Task<IPushHub[]> GetHubs();
}

/// <summary>Batches what grains publish on a short timer and fans it out to every web host.</summary>
[Alias("pmo.push-notifier")]
public interface IPushNotifierGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("publish")] Task Publish(PushBatch batch);
}
