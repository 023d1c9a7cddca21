using System.Text.Json.Serialization;

namespace Pmo.Domain.Documents;

// The public portfolio document (CONTRACT.md, "Portfolio document"). These records are the
// wire format of import and export and of the generator; they are deliberately plain
// (strings for dates and link types) so that a malformed value reaches the validator,
// which names the field, instead of failing inside the JSON reader with a generic error.

public sealed record PortfolioDocument
{
    public CalendarDocument? Calendar { get; init; }
    public string? StatusDate { get; init; }
    public List<PortfolioEntry>? Portfolios { get; init; }
    public List<ResourceEntry>? Resources { get; init; }
    public List<ProjectEntry>? Projects { get; init; }
    public List<CrossLinkEntry>? CrossLinks { get; init; }
}

public sealed record CalendarDocument
{
    public List<string>? WorkingDays { get; init; }
    public List<string>? Holidays { get; init; }
}

public sealed record PortfolioEntry
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ParentId { get; init; }
    public decimal? Budget { get; init; }
}

public sealed record ResourceEntry
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public decimal? Capacity { get; init; }
    public decimal? CostRate { get; init; }
    public string? Pool { get; init; }
}

public sealed record ProjectEntry
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? PortfolioId { get; init; }
    public int? Priority { get; init; }
    public string? Start { get; init; }
    public decimal? Budget { get; init; }
    public List<TaskEntry>? Tasks { get; init; }
    public List<LinkEntry>? Links { get; init; }
}

public sealed record TaskEntry
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public int? Duration { get; init; }
    public decimal? FixedCost { get; init; }
    public List<AssignmentEntry>? Assignments { get; init; }
    public decimal? PercentComplete { get; init; }
    public decimal? ActualCost { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Deadline { get; init; }
}

public sealed record AssignmentEntry
{
    public string? ResourceId { get; init; }
    public decimal? Units { get; init; }
}

public sealed record LinkEntry
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Type { get; init; }
    public int? Lag { get; init; }
}

public sealed record CrossLinkEntry
{
    public string? FromProject { get; init; }
    public string? FromTask { get; init; }
    public string? ToProject { get; init; }
    public string? ToTask { get; init; }
    public string? Type { get; init; }
    public int? Lag { get; init; }
}
