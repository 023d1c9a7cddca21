namespace Pmo.Contracts;

// What the queries answer (CONTRACT.md "Queries"). Dates are already turned into calendar dates.

[GenerateSerializer, Immutable, Alias("pmo.task-view")]
public sealed record TaskView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public int Duration { get; init; }
    [Id(3)] public decimal PercentComplete { get; init; }
    [Id(4)] public DateOnly EarlyStart { get; init; }
    [Id(5)] public DateOnly EarlyFinish { get; init; }
    [Id(6)] public DateOnly LateStart { get; init; }
    [Id(7)] public DateOnly LateFinish { get; init; }
    [Id(8)] public int TotalFloat { get; init; }
    [Id(9)] public bool Critical { get; init; }
    [Id(10)] public DateOnly? Deadline { get; init; }
    [Id(11)] public decimal Cost { get; init; }
    [Id(12)] public decimal ActualCost { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.project-view")]
public sealed record ProjectView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string PortfolioId { get; init; }
    [Id(3)] public int Priority { get; init; }
    [Id(4)] public DateOnly Start { get; init; }
    [Id(5)] public DateOnly Finish { get; init; }
    [Id(6)] public DateOnly BaselineFinish { get; init; }
    [Id(7)] public decimal Budget { get; init; }
    [Id(8)] public decimal Eac { get; init; }
    [Id(9)] public decimal Cpi { get; init; }
    [Id(10)] public decimal Spi { get; init; }
    [Id(11)] public required string Health { get; init; }
    [Id(12)] public decimal Bac { get; init; }
    [Id(13)] public decimal Ev { get; init; }
    [Id(14)] public decimal Ac { get; init; }
    [Id(15)] public decimal Pv { get; init; }
    [Id(16)] public required TaskView[] Tasks { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.portfolio-view")]
public sealed record PortfolioView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string? ParentId { get; init; }
    [Id(3)] public int ProjectCount { get; init; }
    [Id(4)] public decimal Budget { get; init; }
    [Id(5)] public decimal Eac { get; init; }
    [Id(6)] public decimal Cpi { get; init; }
    [Id(7)] public decimal Spi { get; init; }
    [Id(8)] public required string Health { get; init; }
    [Id(9)] public int OpenAlerts { get; init; }
    [Id(10)] public DateOnly? Finish { get; init; }
    [Id(11)] public decimal Bac { get; init; }
    [Id(12)] public decimal Ev { get; init; }
    [Id(13)] public decimal Ac { get; init; }
    [Id(14)] public decimal Pv { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.day-load")]
public sealed record DayLoadView
{
    [Id(0)] public DateOnly Date { get; init; }
    [Id(1)] public decimal Load { get; init; }
    [Id(2)] public required string[] Projects { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.overallocation")]
public sealed record OverallocationView
{
    [Id(0)] public DateOnly From { get; init; }
    [Id(1)] public DateOnly To { get; init; }
    [Id(2)] public decimal Peak { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.resource-load")]
public sealed record ResourceLoadView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public decimal Capacity { get; init; }
    [Id(2)] public required DayLoadView[] Days { get; init; }
    [Id(3)] public required OverallocationView[] Overallocated { get; init; }
}

// What the dashboard reads beyond the HTTP queries: a project's plan with its links and baselines
// (the Gantt), and the enterprise's outline (tree, resources, cross links) in one call.

/// <summary>A link between two tasks, inside one project or across two.</summary>
[GenerateSerializer, Immutable, Alias("pmo.plan-link")]
public sealed record PlanLink
{
    [Id(0)] public required string FromProject { get; init; }
    [Id(1)] public required string FromTask { get; init; }
    [Id(2)] public required string ToProject { get; init; }
    [Id(3)] public required string ToTask { get; init; }
    [Id(4)] public required string Type { get; init; }
    [Id(5)] public int Lag { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.task-baseline-view")]
public sealed record TaskBaselineView
{
    [Id(0)] public required string TaskId { get; init; }
    [Id(1)] public DateOnly Start { get; init; }
    [Id(2)] public DateOnly Finish { get; init; }
}

/// <summary>A project as its Gantt shows it: the view, its links (inside and across projects), task baselines, status date.</summary>
[GenerateSerializer, Immutable, Alias("pmo.project-plan")]
public sealed record ProjectPlan
{
    [Id(0)] public required ProjectView View { get; init; }
    [Id(1)] public required PlanLink[] Links { get; init; }
    [Id(2)] public required PlanLink[] CrossLinks { get; init; }
    [Id(3)] public required TaskBaselineView[] Baselines { get; init; }
    [Id(4)] public DateOnly StatusDate { get; init; }
}

[GenerateSerializer, Immutable, Alias("pmo.enterprise-outline")]
public sealed record EnterpriseOutline
{
    [Id(0)] public required Pmo.Domain.Model.PortfolioDefinition[] Portfolios { get; init; }
    [Id(1)] public required Pmo.Domain.Model.ResourceDefinition[] Resources { get; init; }
    /// <summary>Project id → portfolio id.</summary>
    [Id(2)] public required Dictionary<string, string> Projects { get; init; }
    [Id(3)] public required PlanLink[] CrossLinks { get; init; }
    [Id(4)] public required Pmo.Domain.Calendar.CalendarSpec Calendar { get; init; }
    [Id(5)] public DateOnly? StatusDate { get; init; }
}
