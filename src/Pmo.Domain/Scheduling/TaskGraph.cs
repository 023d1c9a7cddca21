namespace Pmo.Domain.Scheduling;

/// <summary>
/// The enterprise-wide precedence graph over tasks (intra- and cross-project links),
/// kept so that a new link or a replaced project can be checked for cycles before it is accepted.
/// Mutable; owned by one catalog.
/// </summary>
public sealed class TaskGraph
{
    /// <summary>Replaces all intra-project edges of <paramref name="projectId"/> (its tasks and links).</summary>
    public void SetProject(string projectId, IEnumerable<string> taskIds, IEnumerable<(string From, string To)> links) => throw new NotImplementedException();

    /// <summary>Removes a project's tasks and every edge touching them (cross edges too).</summary>
    public void RemoveProject(string projectId) => throw new NotImplementedException();

    public void AddEdge(TaskKey from, TaskKey to) => throw new NotImplementedException();

    public void RemoveEdge(TaskKey from, TaskKey to) => throw new NotImplementedException();

    public bool Contains(TaskKey task) => throw new NotImplementedException();

    /// <summary>
    /// If adding from→to would close a cycle, the cycle as task keys starting at <paramref name="from"/>,
    /// going through <paramref name="to"/> and back, with the first key repeated last; otherwise null.
    /// </summary>
    public IReadOnlyList<TaskKey>? CycleIfAdded(TaskKey from, TaskKey to) => throw new NotImplementedException();

    /// <summary>Any cycle in the graph, first key repeated last; null when acyclic.</summary>
    public IReadOnlyList<TaskKey>? FindCycle() => throw new NotImplementedException();
}
