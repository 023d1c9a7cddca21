namespace Pmo.Domain.Alerts;

public enum AlertKind { ScheduleSlip, DeadlineAtRisk, BudgetOverrun, CostPerformance, ResourceConflict }

public enum AlertState { Raised, Updated, Resolved }

public enum AlertSeverity { Info, Warning, Critical }

/// <summary>
/// A rule that currently holds for a subject ("project:p1", "task:p1/t3", "resource:r1", "portfolio:pf1").
/// <see cref="Measure"/> is the rule's size (days of slip, money over budget, peak load ...): when it
/// changes while the alert is open, the alert is updated.
/// </summary>
public sealed record AlertCondition
{
    public required AlertKind Kind { get; init; }
    public required string Subject { get; init; }
    public AlertSeverity Severity { get; init; }
    public decimal Measure { get; init; }
    public required string Message { get; init; }
}

/// <summary>An alert that is open now.</summary>
public sealed record OpenAlert
{
    public required string Id { get; init; }
    public required AlertCondition Condition { get; init; }
}

/// <summary>A change of an alert's state, to be written to the alert log.</summary>
public sealed record AlertTransition
{
    public required string Id { get; init; }
    public required AlertState State { get; init; }
    public required AlertCondition Condition { get; init; }
}
