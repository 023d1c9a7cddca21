namespace Pmo.Domain.Model;

// Validated definitions: what the portfolio document says once every field has been
// checked. Grains hold these; the document records in Pmo.Domain.Documents are only the wire form.

/// <summary>What every definition has: an id, unique among its kind, and a name for people.</summary>
public abstract record Definition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
}

public sealed record PortfolioDefinition : Definition
{
    public string? ParentId { get; init; }
    public decimal Budget { get; init; }
}

public sealed record ResourceDefinition : Definition
{
    /// <summary>Units per working day (1.0 = one full-time person).</summary>
    public decimal Capacity { get; init; }
    /// <summary>Cost of one unit for one working day.</summary>
    public decimal CostRate { get; init; }
    public required string Pool { get; init; }
}

public sealed record ProjectDefinition : Definition
{
    public required string PortfolioId { get; init; }
    public int Priority { get; init; }
    public DateOnly Start { get; init; }
    public decimal Budget { get; init; }
    public IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];
    public IReadOnlyList<NetworkLink> Links { get; init; } = [];
}

public sealed record TaskDefinition : Definition
{
    /// <summary>Working days; 0 is a milestone.</summary>
    public int Duration { get; init; }
    public decimal FixedCost { get; init; }
    public IReadOnlyList<Assignment> Assignments { get; init; } = [];
    public decimal PercentComplete { get; init; }
    public decimal ActualCost { get; init; }
    public DateOnly? Deadline { get; init; }
}

public sealed record Assignment
{
    public required string ResourceId { get; init; }
    public decimal Units { get; init; }
}

/// <summary>A dependency between tasks of two different projects.</summary>
public sealed record CrossLink : Dependency
{
    public required TaskKey From { get; init; }
    public required TaskKey To { get; init; }

    /// <summary>Cross links are identified by their two ends; type and lag are attributes.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public (TaskKey From, TaskKey To) Key => (From, To);
}
