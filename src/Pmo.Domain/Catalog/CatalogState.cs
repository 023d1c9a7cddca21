namespace Pmo.Domain.Catalog;

/// <summary>
/// The enterprise's structure: everything needed to validate a change before it is accepted
/// (ids, the portfolio tree, every project's task ids and links, cross links, which resources a
/// project uses). No dates, no progress: those live in the project grains. Serialisable.
/// </summary>
public sealed class CatalogState
{
    public CalendarSpec Calendar { get; set; } = CalendarSpec.Default;
    public DateOnly? StatusDate { get; set; }
    public Dictionary<string, PortfolioDefinition> Portfolios { get; set; } = new();
    public Dictionary<string, ResourceDefinition> Resources { get; set; } = new();
    public Dictionary<string, ProjectOutline> Projects { get; set; } = new();
    public List<CrossLink> CrossLinks { get; set; } = new();
}

/// <summary>The structural outline of a stored project.</summary>
public sealed record ProjectOutline
{
    public required string Id { get; init; }
    public required string PortfolioId { get; init; }
    public IReadOnlyList<string> TaskIds { get; init; } = [];
    public IReadOnlyList<NetworkLink> Links { get; init; } = [];
    /// <summary>Distinct ids of resources with an assignment on one of its tasks.</summary>
    public IReadOnlyList<string> ResourceIds { get; init; } = [];
}
