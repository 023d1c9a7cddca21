using Pmo.Domain.Alerts;
using Pmo.Domain.EarnedValue;
using Pmo.Domain.Resources;

namespace Pmo.Domain.Projects;

/// <summary>Everything one project's figures depend on, as the project grain holds it.</summary>
public sealed record ProjectInputs
{
    public required ProjectDefinition Definition { get; init; }
    public required WorkCalendar Calendar { get; init; }
    public required DateOnly StatusDate { get; init; }
    public required IReadOnlyDictionary<string, TaskBaseline> Baselines { get; init; }
    public required DateOnly BaselineFinish { get; init; }
    public required IReadOnlyDictionary<string, decimal> CostRates { get; init; }
    /// <summary>Links arriving from other projects' tasks, with those tasks' current early dates where known.</summary>
    public required IReadOnlyList<BoundaryPredecessor> FromOtherProjects { get; init; }
    /// <summary>Links leaving to other projects' tasks, with those tasks' current late dates where known.</summary>
    public required IReadOnlyList<BoundarySuccessor> ToOtherProjects { get; init; }
}

/// <summary>
/// One project's schedule, costs, earned value, resource loads and alert conditions, computed
/// from <see cref="ProjectInputs"/> alone. Pure: the grain decides whom to tell.
/// </summary>
public sealed class ProjectFigures
{
    private ProjectFigures(ProjectInputs inputs, ProjectSchedule schedule)
    {
        Inputs = inputs;
        Schedule = schedule;
    }

    public ProjectInputs Inputs { get; }
    public ProjectSchedule Schedule { get; }
    public IReadOnlyDictionary<string, decimal> TaskCosts { get; private init; } = new Dictionary<string, decimal>();
    public EarnedValueTotals Totals { get; private init; }
    public DateOnly Finish { get; private init; }
    public Health Health { get; private init; }
    public IReadOnlyList<AlertCondition> AlertConditions { get; private init; } = [];
    /// <summary>Resource id → the segments this project loads it with (only resources with load).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LoadSegment>> Loads { get; private init; } = new Dictionary<string, IReadOnlyList<LoadSegment>>();

    /// <summary>
    /// Whether tentative inputs keep every task within <see cref="ScheduleHorizon"/>, so that a change that
    /// would not is refused before it is kept. Past the last date a calendar can hold, computing throws.
    /// </summary>
    public static bool WithinHorizon(ProjectInputs inputs)
    {
        try
        {
            var figures = Compute(inputs);
            return ScheduleHorizon.Within(figures.Inputs.Calendar, figures.Schedule);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    public static ProjectFigures Compute(ProjectInputs inputs)
    {
        var definition = inputs.Definition;
        var calendar = inputs.Calendar;
        var startDay = calendar.DayNumber(definition.Start);
        var tasks = definition.Tasks.Select(t => new NetworkTask(t.Id, t.Duration)).ToList();
        var schedule = CriticalPath.ScheduleProject(startDay, tasks, definition.Links, inputs.FromOtherProjects, inputs.ToOtherProjects);

        var lastDoneDay = calendar.LastDayOnOrBefore(inputs.StatusDate);
        var costs = new Dictionary<string, decimal>(definition.Tasks.Count);
        var totals = EarnedValueTotals.Zero;
        var loads = new Dictionary<string, List<LoadSegment>>();
        var finish = definition.Start;
        var hasTask = false;
        var conditions = new List<AlertCondition>();

        foreach (var task in definition.Tasks)
        {
            var dates = schedule.Tasks[task.Id];
            var cost = EarnedValueRules.TaskCost(task.FixedCost, task.Duration,
                task.Assignments.Select(a => (a.Units, inputs.CostRates.GetValueOrDefault(a.ResourceId))));
            costs[task.Id] = cost;
            inputs.Baselines.TryGetValue(task.Id, out var baseline);
            totals += EarnedValueRules.ForTask(cost, task.PercentComplete, task.ActualCost, baseline, lastDoneDay);

            var earlyFinish = EarlyFinishDate(calendar, dates, task.Duration);
            if (!hasTask || earlyFinish > finish) finish = earlyFinish;
            hasTask = true;

            if (AlertRules.DeadlineAtRisk(definition.Id, task.Id, earlyFinish, task.Deadline) is { } late)
                conditions.Add(late);

            foreach (var assignment in task.Assignments)
            {
                if (assignment.Units <= 0 || task.Duration <= 0) continue;
                if (!loads.TryGetValue(assignment.ResourceId, out var segments))
                    loads[assignment.ResourceId] = segments = [];
                segments.Add(new LoadSegment(definition.Id, task.Id, dates.EarlyStart, dates.EarlyFinish, assignment.Units));
            }
        }

        var finishLate = finish > inputs.BaselineFinish;
        if (AlertRules.ScheduleSlip(definition.Id, calendar.DayNumber(finish), calendar.DayNumber(inputs.BaselineFinish), finish, inputs.BaselineFinish) is { } slip)
            conditions.Add(slip);
        if (AlertRules.BudgetOverrun($"project:{definition.Id}", totals.Eac, definition.Budget) is { } overrun)
            conditions.Add(overrun);
        if (AlertRules.CostPerformance(definition.Id, totals.Cpi, totals.Ac) is { } cpi)
            conditions.Add(cpi);

        return new ProjectFigures(inputs, schedule)
        {
            TaskCosts = costs,
            Totals = totals,
            Finish = finish,
            Health = HealthRules.Of(totals, definition.Budget, finishLate),
            AlertConditions = conditions,
            Loads = loads.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<LoadSegment>)kv.Value),
        };
    }

    /// <summary>The reported earlyFinish: the date of day EF-1, or of ES for a milestone.</summary>
    public static DateOnly EarlyFinishDate(WorkCalendar calendar, TaskDates dates, int duration) =>
        calendar.DateOf(duration == 0 ? dates.EarlyStart : dates.EarlyFinish - 1);

    /// <summary>The reported lateFinish: the date of day LF-1, or of LS for a milestone.</summary>
    public static DateOnly LateFinishDate(WorkCalendar calendar, TaskDates dates, int duration) =>
        calendar.DateOf(duration == 0 ? dates.LateStart : dates.LateFinish - 1);

    /// <summary>What the baseline records for every task as the schedule stands now.</summary>
    public Dictionary<string, TaskBaseline> CurrentBaselines() =>
        Inputs.Definition.Tasks.ToDictionary(
            t => t.Id,
            t => new TaskBaseline(Schedule.Tasks[t.Id].EarlyStart, Schedule.Tasks[t.Id].EarlyFinish, TaskCosts[t.Id]));
}
