namespace Pmo.Generator.Simulation;

/// <summary>
/// A task as the simulation sees it on one day. Dates are working-day numbers of the portfolio
/// calendar: the task occupies <see cref="EarlyStart"/> .. <see cref="EarlyFinish"/> - 1 (a milestone
/// has EarlyFinish = EarlyStart), as the critical-path rules count them.
/// </summary>
public sealed record SimulatedTask(
    string ProjectId, string TaskId, int Duration, decimal PercentComplete, decimal ActualCost, decimal Cost, int EarlyStart, int EarlyFinish);

/// <summary>A command the simulation sends for a day, in the terms of the public API.</summary>
public abstract record SimulatedCommand(string ProjectId)
{
    /// <summary>"progress", "slip" or "baseline": the name the harness reports per kind.</summary>
    public abstract string Kind { get; }
}

public sealed record ProgressReport(string ProjectId, string TaskId, decimal PercentComplete, decimal ActualCost) : SimulatedCommand(ProjectId)
{
    public override string Kind => "progress";
}

public sealed record TaskSlip(string ProjectId, string TaskId, int Days) : SimulatedCommand(ProjectId)
{
    public override string Kind => "slip";
}

public sealed record Rebaseline(string ProjectId) : SimulatedCommand(ProjectId)
{
    public override string Kind => "baseline";
}
