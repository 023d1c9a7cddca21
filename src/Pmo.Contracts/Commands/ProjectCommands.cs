using Pmo.Domain.Commands;

namespace Pmo.Contracts.Commands;

// Commands on one project, handled by its IProjectGrain. POST /api/projects/{id}/tasks/{taskId}/slip etc.

/// <summary>The task's duration grows by <see cref="Days"/> working days (negative shrinks, not below 0).</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.slip-task")]
public sealed record SlipTask : IProjectCommand, IRoutedCommand<SlipTask>
{
    [Id(0), JsonIgnore] public string ProjectId { get; init; } = "";
    [Id(1), JsonIgnore] public string TaskId { get; init; } = "";
    /// <summary>Nullable so that a missing value is refused by name rather than read as 0.</summary>
    [Id(2)] public int? Days { get; init; }
    [Id(3)] public string? Reason { get; init; }

    public Refusal? Check() => CommandRules.Slip(Days);
    public static SlipTask FromRequest(SlipTask? body, CommandPath path) => (body ?? new()) with { ProjectId = path.Id, TaskId = path.TaskId ?? "" };
}

/// <summary>Progress and actual cost of a task; an omitted one keeps its stored value.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.record-progress")]
public sealed record RecordProgress : IProjectCommand, IRoutedCommand<RecordProgress>
{
    [Id(0), JsonIgnore] public string ProjectId { get; init; } = "";
    [Id(1), JsonIgnore] public string TaskId { get; init; } = "";
    [Id(2)] public decimal? PercentComplete { get; init; }
    [Id(3)] public decimal? ActualCost { get; init; }

    public Refusal? Check() => CommandRules.Progress(PercentComplete, ActualCost);
    public static RecordProgress FromRequest(RecordProgress? body, CommandPath path) => (body ?? new()) with { ProjectId = path.Id, TaskId = path.TaskId ?? "" };
}

/// <summary>The project's approved budget.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.set-budget")]
public sealed record SetProjectBudget : IProjectCommand, IRoutedCommand<SetProjectBudget>
{
    [Id(0), JsonIgnore] public string ProjectId { get; init; } = "";
    [Id(1)] public decimal? Budget { get; init; }

    public Refusal? Check() => CommandRules.Budget(Budget);
    public static SetProjectBudget FromRequest(SetProjectBudget? body, CommandPath path) => (body ?? new()) with { ProjectId = path.Id };
}

/// <summary>The baseline becomes the current schedule.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.rebaseline")]
public sealed record RebaselineProject([property: Id(0)] string ProjectId) : IProjectCommand, IRoutedCommand<RebaselineProject>
{
    public static bool HasBody => false;
    public static RebaselineProject FromRequest(RebaselineProject? body, CommandPath path) => new(path.Id);
}
