namespace Pmo.Domain.Scheduling;

/// <summary>
/// The critical path method exactly as CONTRACT.md "Scheduling rules" states it.
/// </summary>
public static class CriticalPath
{
    /// <summary>
    /// Schedules one project with the dates of other projects' linked tasks held fixed.
    /// Forward pass: ES &gt;= startDay and every predecessor rule (FS/SS/FF/SF with lag), earliest ES.
    /// Backward pass: LF &lt;= the project's FinishDay (largest EF) and every successor rule,
    /// including <paramref name="toOtherProjects"/>. Iterating this per project to a fixed point
    /// gives the same dates as <see cref="ScheduleAll"/>.
    /// Precondition: the network is acyclic (validation refuses cycles before this is called).
    /// </summary>
    public static ProjectSchedule ScheduleProject(
        int startDay,
        IReadOnlyList<NetworkTask> tasks,
        IReadOnlyList<NetworkLink> links,
        IReadOnlyList<BoundaryPredecessor> fromOtherProjects,
        IReadOnlyList<BoundarySuccessor> toOtherProjects) => throw new NotImplementedException();

    /// <summary>
    /// Schedules every project at once over all links (the batch recompute, and the reference
    /// the live grains are reconciled against). Each task's LF is bound by its own project's finish.
    /// </summary>
    public static IReadOnlyDictionary<TaskKey, TaskDates> ScheduleAll(
        IReadOnlyList<ProjectNetwork> projects,
        IReadOnlyList<CrossNetworkLink> crossLinks) => throw new NotImplementedException();
}
