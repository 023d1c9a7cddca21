namespace Pmo.Contracts;

/// <summary>
/// One portfolio's roll-up over its projects and sub-portfolios (key: portfolio id).
/// Children report to it one-way with version stamps; it reports its subtree totals to its parent.
/// </summary>
[Alias("pmo.portfolio")]
public interface IPortfolioGrain : IGrainWithStringKey
{
    [Alias("define")] Task Define(Ripple ripple, PortfolioDefinition definition);
    [Alias("remove")] Task Remove(Ripple ripple);

    [OneWay, Alias("project")]
    Task ProjectChanged(Ripple ripple, long version, [Immutable] ProjectSummary summary);

    [OneWay, Alias("project-left")]
    Task ProjectLeft(Ripple ripple, long version, string projectId);

    [OneWay, Alias("child")]
    Task ChildChanged(Ripple ripple, long version, [Immutable] SubtreeTotals totals);

    [OneWay, Alias("child-left")]
    Task ChildLeft(Ripple ripple, long version, string portfolioId);

    /// <summary>Tell the parent the subtree's totals again (see IEnterpriseGrain.Resync).</summary>
    [OneWay, Alias("resync")] Task Resync(Ripple ripple);

    [Alias("view")] Task<PortfolioView?> GetView();

    /// <summary>The latest summary of each project directly in this portfolio (the dashboard's project list).</summary>
    [Alias("projects")] Task<ProjectSummary[]> GetProjects();
}
