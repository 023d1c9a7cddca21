namespace Pmo.Domain.Catalog;

/// <summary>A validated import: the definitions to upsert, in document order.</summary>
public sealed record ImportPlan
{
    public CalendarSpec? Calendar { get; init; }
    public DateOnly? StatusDate { get; init; }
    public IReadOnlyList<PortfolioDefinition> Portfolios { get; init; } = [];
    public IReadOnlyList<ResourceDefinition> Resources { get; init; } = [];
    public IReadOnlyList<ProjectDefinition> Projects { get; init; } = [];
    public IReadOnlyList<CrossLink> CrossLinks { get; init; } = [];
}
