namespace Pmo.Domain.Scheduling;

public enum LinkType { FS, SS, FF, SF }

/// <summary>A task anywhere in the enterprise: "projectId/taskId".</summary>
public readonly record struct TaskKey(string ProjectId, string TaskId)
{
    public override string ToString() => $"{ProjectId}/{TaskId}";
}

/// <summary>A task as the scheduler sees it: an id and a duration in working days.</summary>
public sealed record NetworkTask(string Id, int Duration);

/// <summary>What every dependency between two tasks carries, wherever its ends are: its type and its lag in working days.</summary>
public abstract record Dependency
{
    public LinkType Type { get; init; }
    public int Lag { get; init; }
}

/// <summary>A link between two tasks of the same project.</summary>
public sealed record NetworkLink : Dependency
{
    public required string From { get; init; }
    public required string To { get; init; }
}

/// <summary>
/// A link arriving from a task of another project, with that task's current early dates
/// (day numbers). The project's forward pass treats it like any other predecessor.
/// </summary>
public sealed record BoundaryPredecessor : Dependency
{
    public required string ToTask { get; init; }
    public int PredecessorEarlyStart { get; init; }
    public int PredecessorEarlyFinish { get; init; }
}

/// <summary>
/// A link leaving to a task of another project, with that task's current late dates
/// (day numbers). The project's backward pass treats it like any other successor.
/// </summary>
public sealed record BoundarySuccessor : Dependency
{
    public required string FromTask { get; init; }
    public int SuccessorLateStart { get; init; }
    public int SuccessorLateFinish { get; init; }
}

/// <summary>CPM dates of one task in working-day numbers. A task occupies days ES..EF-1.</summary>
public sealed record TaskDates(int EarlyStart, int EarlyFinish, int LateStart, int LateFinish)
{
    public int TotalFloat => LateStart - EarlyStart;
    public bool Critical => TotalFloat <= 0;
}

/// <summary>Result of scheduling one project.</summary>
public sealed record ProjectSchedule
{
    public required IReadOnlyDictionary<string, TaskDates> Tasks { get; init; }
    /// <summary>The largest EF among the project's tasks (the project's start day when it has none).</summary>
    public int FinishDay { get; init; }
}

/// <summary>One project's network for the whole-portfolio scheduler.</summary>
public sealed record ProjectNetwork
{
    public required string ProjectId { get; init; }
    public int StartDay { get; init; }
    public required IReadOnlyList<NetworkTask> Tasks { get; init; }
    public required IReadOnlyList<NetworkLink> Links { get; init; }
}

/// <summary>A cross-project link for the whole-portfolio scheduler.</summary>
public sealed record CrossNetworkLink(TaskKey From, TaskKey To, LinkType Type, int Lag)
{
    /// <summary>This link as its successor project's forward pass takes it, given the predecessor task's current dates.</summary>
    public BoundaryPredecessor IntoSuccessor(TaskDates predecessor) => new()
    {
        ToTask = To.TaskId, Type = Type, Lag = Lag,
        PredecessorEarlyStart = predecessor.EarlyStart, PredecessorEarlyFinish = predecessor.EarlyFinish,
    };

    /// <summary>This link as its predecessor project's backward pass takes it, given the successor task's current dates.</summary>
    public BoundarySuccessor OutOfPredecessor(TaskDates successor) => new()
    {
        FromTask = From.TaskId, Type = Type, Lag = Lag,
        SuccessorLateStart = successor.LateStart, SuccessorLateFinish = successor.LateFinish,
    };
}
