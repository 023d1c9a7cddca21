namespace Pmo.Load.Model;

/// <summary>
/// A command the harness sent and the service accepted, in the terms the in-process baseline
/// replays it with. Values are absolute where the command is absolute (percent, budget, units)
/// and relative where it is relative (slip days).
/// </summary>
public abstract record SentChange
{
    /// <summary>The project whose own figures the change alters first, if any.</summary>
    public virtual string? ProjectId => null;
}

public sealed record SlipChange(string Project, string TaskId, int Days) : SentChange
{
    public override string? ProjectId => Project;
}

public sealed record ProgressChange(string Project, string TaskId, decimal? PercentComplete, decimal? ActualCost) : SentChange
{
    public override string? ProjectId => Project;
}

public sealed record BudgetChange(string Project, decimal Budget) : SentChange
{
    public override string? ProjectId => Project;
}

public sealed record AssignmentChange(string Project, string TaskId, string ResourceId, decimal Units) : SentChange
{
    public override string? ProjectId => Project;
}

public sealed record RebaselineChange(string Project) : SentChange
{
    public override string? ProjectId => Project;
}

public sealed record MoveProjectChange(string Project, string PortfolioId) : SentChange
{
    public override string? ProjectId => Project;
}

public sealed record CancelProjectChange(string Project) : SentChange
{
    public override string? ProjectId => Project;
}

public sealed record MoveResourceChange(string ResourceId, string Pool) : SentChange;

public sealed record PutPortfolioChange(string PortfolioId, string Name, string? ParentId, decimal Budget) : SentChange;

public sealed record DeletePortfolioChange(string PortfolioId) : SentChange;

public sealed record StatusDateChange(DateOnly StatusDate) : SentChange;
