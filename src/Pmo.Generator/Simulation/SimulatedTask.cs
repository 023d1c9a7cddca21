namespace Pmo.Generator.Simulation;

/// <summary>
/// A task as the simulation sees it on one day. Dates are working-day numbers of the portfolio
/// calendar: the task occupies <see cref="EarlyStart"/> .. <see cref="EarlyFinish"/> - 1 (a milestone
/// has EarlyFinish = EarlyStart), as the critical-path rules count them.
/// </summary>
public sealed record SimulatedTask(
    string ProjectId, string TaskId, int Duration, decimal PercentComplete, decimal ActualCost, decimal Cost, int EarlyStart, int EarlyFinish);
