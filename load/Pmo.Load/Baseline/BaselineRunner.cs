using System.Diagnostics;
using Pmo.Domain.Documents;
using Pmo.Domain.EarnedValue;
using Pmo.Domain.Resources;
using Pmo.Domain.Scheduling;

namespace Pmo.Load.Baseline;

/// <summary>How one in-process strategy fared on the recorded change stream.</summary>
public sealed record StrategyResult
{
    public int Replayed { get; init; }
    public bool Extrapolated { get; init; }
    public double Seconds { get; init; }
    /// <summary>Seconds for the whole stream: measured, or the mean per change times the stream's length when capped.</summary>
    public double SecondsForAll { get; init; }
    public double ChangesPerSecond { get; init; }
    public Percentiles PerChangeMs { get; init; } = Percentiles.Empty;
    /// <summary>Incremental only: mean projects rescheduled per change.</summary>
    public double? ProjectsRescheduledMean { get; init; }
}

public sealed record BaselineResult
{
    public int Changes { get; init; }
    public required string Work { get; init; }
    public required StrategyResult Batch { get; init; }
    public required StrategyResult Incremental { get; init; }
    /// <summary>Whether the incremental dates after the whole stream equal a whole-portfolio CPM (a self-check of the baseline).</summary>
    public bool IncrementalMatchesBatch { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// Replays the accepted change stream on the document exported at the start, in process, with no
/// messaging, two ways: (a) batch, a whole-portfolio recompute per change; (b) incremental, the
/// changed project and then only the projects whose boundary dates moved (a lower bound for what
/// the grains do). Both compute the same work per change: schedule, earned value of the projects
/// recomputed, portfolio roll-ups, and over-allocation of the resources whose load moved.
/// </summary>
public static class BaselineRunner
{
    public const string WorkDescription =
        "per change: critical path (batch: CriticalPath.ScheduleAll over every project; incremental: CriticalPath.ScheduleProject of the changed project, then of the projects whose boundary dates moved, to a fixed point), " +
        "earned value of the recomputed projects, portfolio eac roll-ups, over-allocation runs of the resources whose load changed (batch: all)";

    public static BaselineResult Run(PortfolioDocument start, IReadOnlyList<IPmoCommand> changes, TimeSpan cap, int maxBatchChanges)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(changes);
        var notes = new List<string>();
        var batch = RunBatch(EnterpriseState.From(start), changes, cap, maxBatchChanges);
        if (batch.Extrapolated)
            notes.Add($"batch replayed {batch.Replayed} of {changes.Count} changes (cap {maxBatchChanges} changes or {cap.TotalSeconds:0} s); its total is extrapolated from the mean per change");
        var incrementalState = EnterpriseState.From(start);
        var (incremental, matches) = RunIncremental(incrementalState, changes, cap);
        if (incremental.Extrapolated)
            notes.Add($"incremental replayed {incremental.Replayed} of {changes.Count} changes within {cap.TotalSeconds:0} s; its total is extrapolated");
        return new BaselineResult
        {
            Changes = changes.Count,
            Work = WorkDescription,
            Batch = batch,
            Incremental = incremental,
            IncrementalMatchesBatch = matches,
            Notes = notes,
        };
    }

    private static StrategyResult RunBatch(EnterpriseState state, IReadOnlyList<IPmoCommand> changes, TimeSpan cap, int maxChanges)
    {
        var histogram = new LatencyHistogram();
        var networks = state.Projects.Values.ToDictionary(p => p.Id, state.Network, StringComparer.Ordinal);
        var baselines = Baselines(state);
        var lastDone = LastDone(state);
        var total = Stopwatch.StartNew();
        var replayed = 0;
        foreach (var change in changes)
        {
            if (replayed >= maxChanges || total.Elapsed >= cap) break;
            var one = Stopwatch.StartNew();
            state.Apply(change);
            if (change is IProjectCommand { ProjectId: var id })
            {
                if (state.Projects.TryGetValue(id, out var project)) networks[id] = state.Network(project);
                else networks.Remove(id);
            }
            var dates = CriticalPath.ScheduleAll([.. networks.Values], state.CrossLinks);
            var eac = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var project in state.Projects.Values)
                eac[project.Id] = ProjectTotals(state, project, baselines, lastDone).Eac;
            RollUp(state, eac);
            var segments = new Dictionary<string, List<LoadSegment>>(StringComparer.Ordinal);
            foreach (var project in state.Projects.Values)
                project.AddLoadSegments(id2 => dates[new TaskKey(project.Id, id2)], segments);
            foreach (var resource in state.Resources.Values)
                ResourceLoad.Overallocations(resource.Capacity, segments.GetValueOrDefault(resource.Id) ?? []);
            histogram.Record(one.Elapsed);
            replayed++;
        }
        return Summarise(histogram, replayed, changes.Count, total.Elapsed);
    }

    private static (StrategyResult Result, bool Matches) RunIncremental(EnterpriseState state, IReadOnlyList<IPmoCommand> changes, TimeSpan cap)
    {
        var histogram = new LatencyHistogram();
        var baselines = Baselines(state);
        var lastDone = LastDone(state);
        var engine = new IncrementalEngine(state, baselines, lastDone);
        var total = Stopwatch.StartNew();
        var replayed = 0;
        long rescheduled = 0;
        foreach (var change in changes)
        {
            if (total.Elapsed >= cap) break;
            var one = Stopwatch.StartNew();
            rescheduled += engine.Apply(change);
            histogram.Record(one.Elapsed);
            replayed++;
        }
        var result = Summarise(histogram, replayed, changes.Count, total.Elapsed) with
        {
            ProjectsRescheduledMean = replayed == 0 ? null : Math.Round((double)rescheduled / replayed, 2),
        };
        return (result, replayed < changes.Count || engine.MatchesWholePortfolio());
    }

    private static StrategyResult Summarise(LatencyHistogram histogram, int replayed, int all, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var perChange = replayed == 0 ? 0 : seconds / replayed;
        return new StrategyResult
        {
            Replayed = replayed,
            Extrapolated = replayed < all,
            Seconds = Math.Round(seconds, 4),
            SecondsForAll = Math.Round(perChange * all, 4),
            ChangesPerSecond = perChange > 0 ? Math.Round(1 / perChange, 1) : 0,
            PerChangeMs = histogram.Summary(),
        };
    }

    /// <summary>What the baseline planned for each task: the schedule of the document as it was at the start.</summary>
    internal static Dictionary<TaskKey, TaskBaseline> Baselines(EnterpriseState state)
    {
        var dates = CriticalPath.ScheduleAll(state.Networks(), state.CrossLinks);
        var baselines = new Dictionary<TaskKey, TaskBaseline>();
        foreach (var project in state.Projects.Values)
            foreach (var task in project.Tasks)
            {
                var key = new TaskKey(project.Id, task.Id);
                baselines[key] = new TaskBaseline(dates[key].EarlyStart, dates[key].EarlyFinish, state.TaskCost(task));
            }
        return baselines;
    }

    internal static int LastDone(EnterpriseState state) =>
        state.Calendar.LastDayOnOrBefore(state.StatusDate ?? DateOnly.FromDateTime(DateTime.UtcNow));

    internal static EarnedValueTotals ProjectTotals(EnterpriseState state, ProjectState project, Dictionary<TaskKey, TaskBaseline> baselines, int lastDone)
    {
        var totals = EarnedValueTotals.Zero;
        foreach (var task in project.Tasks)
            totals += EarnedValueRules.ForTask(state.TaskCost(task), task.PercentComplete, task.ActualCost,
                baselines.GetValueOrDefault(new TaskKey(project.Id, task.Id)), lastDone);
        return totals;
    }

    internal static Dictionary<string, decimal> RollUp(EnterpriseState state, Dictionary<string, decimal> projectEac)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var project in state.Projects.Values)
            foreach (var portfolio in state.Lineage(project.PortfolioId))
                sums[portfolio] = sums.GetValueOrDefault(portfolio) + projectEac.GetValueOrDefault(project.Id);
        return sums;
    }
}
