using Pmo.Contracts;
using Pmo.Domain.Documents;

namespace Pmo.Load.Reconciliation;

/// <summary>Everything reconciliation reads from the service once the changes have settled.</summary>
public sealed record ServiceSnapshot
{
    public required PortfolioDocument Export { get; init; }
    /// <summary>GET /api/projects/{id} for every project of the export (a missing one is a problem).</summary>
    public required IReadOnlyDictionary<string, ProjectView> Projects { get; init; }
    public required IReadOnlyList<PortfolioView> Portfolios { get; init; }
    /// <summary>GET /api/resources/{id}/load for the checked resources.</summary>
    public required IReadOnlyDictionary<string, ResourceLoadView> ResourceLoads { get; init; }
    /// <summary>The whole alert log of scope "all", oldest first.</summary>
    public required IReadOnlyList<AlertEntry> AlertLog { get; init; }
    /// <summary>Projects whose schedule and links are compared; null means all.</summary>
    public IReadOnlySet<string>? ScheduleSample { get; init; }
    /// <summary>The status date when the export has none (the service's today).</summary>
    public DateOnly? FallbackStatusDate { get; init; }
}

/// <summary>The outcome, as report.json's <c>reconciliation</c> shows it.</summary>
public sealed record ReconciliationResult
{
    public const int MaxProblems = 100;

    public bool Ok { get; init; }
    /// <summary>The first <see cref="MaxProblems"/> problems.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
    /// <summary>How many problems there were in all.</summary>
    public int ProblemCount { get; init; }
    /// <summary>What was checked, by check: projects, tasks, links, portfolios, resources, open alerts.</summary>
    public IReadOnlyDictionary<string, int> Checked { get; init; } = new Dictionary<string, int>();
}
