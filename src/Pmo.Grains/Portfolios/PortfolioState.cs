namespace Pmo.Grains.Portfolios;

[GenerateSerializer, Alias("pmo.portfolio-state")]
public sealed class PortfolioState
{
    [Id(0)] public PortfolioDefinition? Definition { get; set; }
    /// <summary>Newest summary per project that reported here; null marks a project that left (kept for its version).</summary>
    [Id(1)] public Dictionary<string, Versioned<ProjectSummary>> Projects { get; set; } = new();
    /// <summary>Newest subtree totals per sub-portfolio; null marks one that left.</summary>
    [Id(2)] public Dictionary<string, Versioned<SubtreeTotals>> Children { get; set; } = new();
    [Id(3)] public long Version { get; set; }
    [Id(4)] public AlertBook Alerts { get; set; } = new();
    /// <summary>This life of the portfolio (see Incarnation).</summary>
    [Id(5)] public string? Incarnation { get; set; }
}

[GenerateSerializer, Alias("pmo.versioned`1")]
public sealed class Versioned<T> where T : class
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public T? Value { get; set; }
}
