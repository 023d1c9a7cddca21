using Pmo.Domain.Calendar;
using Pmo.Domain.EarnedValue;

namespace Pmo.Grains.Projects;

/// <summary>What a project grain persists: its definition and every input its figures depend on.</summary>
[GenerateSerializer, Alias("pmo.project-state")]
public sealed class ProjectState
{
    [Id(0)] public ProjectDefinition? Definition { get; set; }
    [Id(1)] public CalendarSpec Calendar { get; set; } = CalendarSpec.Default;
    [Id(2)] public DateOnly? StatusDate { get; set; }
    [Id(3)] public Dictionary<string, TaskBaseline> Baselines { get; set; } = new();
    [Id(4)] public DateOnly? BaselineFinish { get; set; }
    /// <summary>
    /// The import that created the project, while its propagation may still move the project's
    /// dates. "baselineFinish is the finish when first imported" must mean the finish once the
    /// import has settled (predecessor projects' dates arrive after the project's own definition),
    /// so the baseline follows the schedule until a message of another change arrives.
    /// </summary>
    [Id(5)] public string? BaselineFollowsChange { get; set; }
    [Id(6)] public List<CrossLink> CrossLinks { get; set; } = new();
    [Id(7)] public Dictionary<string, decimal> CostRates { get; set; } = new();
    /// <summary>Latest early dates heard from each predecessor project.</summary>
    [Id(8)] public Dictionary<string, InboundDates<BoundaryEarlyDates>> Predecessors { get; set; } = new();
    /// <summary>Latest late dates heard from each successor project.</summary>
    [Id(9)] public Dictionary<string, InboundDates<BoundaryLateDates>> Successors { get; set; } = new();
    [Id(10)] public long Version { get; set; }
    [Id(11)] public AlertBook Alerts { get; set; } = new();
    /// <summary>Resources last told of a load, so that a load that goes away is withdrawn even after reactivation.</summary>
    [Id(12)] public HashSet<string> LoadedResources { get; set; } = new();
    /// <summary>This life of the project (see Incarnation).</summary>
    [Id(13)] public string? Incarnation { get; set; }
}

[GenerateSerializer, Alias("pmo.inbound-dates`1")]
public sealed class InboundDates<T>
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public T[] Dates { get; set; } = [];
}
