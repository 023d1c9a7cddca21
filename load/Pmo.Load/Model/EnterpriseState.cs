using Pmo.Domain.Catalog;
using Pmo.Domain.Calendar;
using Pmo.Domain.Documents;
using Pmo.Domain.EarnedValue;
using Pmo.Domain.Resources;
using Pmo.Domain.Scheduling;

namespace Pmo.Load.Model;

public sealed class TaskState
{
    public required string Id { get; init; }
    public int Duration { get; set; }
    public decimal FixedCost { get; set; }
    public List<AssignmentState> Assignments { get; init; } = [];
    public decimal PercentComplete { get; set; }
    public decimal ActualCost { get; set; }
    public DateOnly? Deadline { get; set; }
}

public sealed class AssignmentState
{
    public required string ResourceId { get; init; }
    public decimal Units { get; set; }
}

public sealed class ProjectState
{
    public required string Id { get; init; }
    public required string PortfolioId { get; set; }
    public decimal Budget { get; set; }
    public DateOnly Start { get; init; }
    public List<TaskState> Tasks { get; init; } = [];
    public Dictionary<string, TaskState> TaskById { get; init; } = new(StringComparer.Ordinal);
    public List<NetworkLink> Links { get; init; } = [];

    /// <summary>
    /// Adds the load of this project's assigned work to <paramref name="segments"/> (by resource), each
    /// task over the dates <paramref name="datesOf"/> gives it; a task it gives none for is left out.
    /// </summary>
    public void AddLoadSegments(Func<string, TaskDates?> datesOf, Dictionary<string, List<LoadSegment>> segments)
    {
        ArgumentNullException.ThrowIfNull(datesOf);
        ArgumentNullException.ThrowIfNull(segments);
        foreach (var task in Tasks)
        {
            if (task.Duration <= 0 || datesOf(task.Id) is not { } dates) continue;
            foreach (var assignment in task.Assignments)
            {
                if (assignment.Units <= 0m) continue;
                if (!segments.TryGetValue(assignment.ResourceId, out var list)) segments[assignment.ResourceId] = list = [];
                list.Add(new LoadSegment(Id, task.Id, dates.EarlyStart, dates.EarlyFinish, assignment.Units));
            }
        }
    }
}

public sealed class PortfolioState
{
    public required string Id { get; init; }
    public string Name { get; set; } = "";
    public string? ParentId { get; set; }
    public decimal Budget { get; set; }
}

public sealed class ResourceState
{
    public required string Id { get; init; }
    public decimal Capacity { get; init; }
    public decimal CostRate { get; init; }
    public string Pool { get; set; } = "";
}

/// <summary>
/// A mutable, in-process copy of an enterprise as a portfolio document describes it, with the
/// commands the harness sends applied to it the way CONTRACT.md says the service applies them.
/// The scenarios pick their commands from it and the baseline replays the change stream on it.
/// Not thread-safe.
/// </summary>
public sealed class EnterpriseState
{
    public required WorkCalendar Calendar { get; init; }
    public DateOnly? StatusDate { get; set; }
    public Dictionary<string, PortfolioState> Portfolios { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ResourceState> Resources { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ProjectState> Projects { get; } = new(StringComparer.Ordinal);
    public List<CrossNetworkLink> CrossLinks { get; } = [];

    public static EnterpriseState From(PortfolioDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var state = new EnterpriseState
        {
            Calendar = DocumentReading.Calendar(document.Calendar),
            StatusDate = document.StatusDate is { } status ? DocumentReading.Date(status) : null,
        };
        foreach (var p in document.Portfolios ?? [])
            state.Portfolios[p.Id!] = new PortfolioState { Id = p.Id!, Name = p.Name ?? p.Id!, ParentId = p.ParentId, Budget = p.Budget ?? 0m };
        foreach (var r in document.Resources ?? [])
            state.Resources[r.Id!] = new ResourceState { Id = r.Id!, Capacity = r.Capacity ?? 0m, CostRate = r.CostRate ?? 0m, Pool = r.Pool ?? "" };
        foreach (var p in document.Projects ?? [])
        {
            var project = new ProjectState
            {
                Id = p.Id!,
                PortfolioId = p.PortfolioId!,
                Budget = p.Budget ?? 0m,
                Start = DocumentReading.Date(p.Start),
            };
            foreach (var t in p.Tasks ?? [])
            {
                var task = new TaskState
                {
                    Id = t.Id!,
                    Duration = t.Duration ?? 0,
                    FixedCost = t.FixedCost ?? 0m,
                    PercentComplete = t.PercentComplete ?? 0m,
                    ActualCost = t.ActualCost ?? 0m,
                    Deadline = t.Deadline is { } d ? DocumentReading.Date(d) : null,
                    Assignments = [.. (t.Assignments ?? []).Select(a => new AssignmentState { ResourceId = a.ResourceId!, Units = a.Units ?? 0m })],
                };
                project.Tasks.Add(task);
                project.TaskById[task.Id] = task;
            }
            foreach (var l in p.Links ?? [])
                project.Links.Add(new NetworkLink { From = l.From!, To = l.To!, Type = DocumentReading.LinkType(l.Type), Lag = l.Lag ?? 0 });
            state.Projects[project.Id] = project;
        }
        foreach (var c in document.CrossLinks ?? [])
            state.CrossLinks.Add(new CrossNetworkLink(new TaskKey(c.FromProject!, c.FromTask!), new TaskKey(c.ToProject!, c.ToTask!), DocumentReading.LinkType(c.Type), c.Lag ?? 0));
        return state;
    }

    public ProjectNetwork Network(ProjectState project) => new()
    {
        ProjectId = project.Id,
        StartDay = Calendar.DayNumber(project.Start),
        Tasks = [.. project.Tasks.Select(t => new NetworkTask(t.Id, t.Duration))],
        Links = project.Links,
    };

    public List<ProjectNetwork> Networks() => [.. Projects.Values.Select(Network)];

    /// <summary>fixedCost + Σ units × costRate × duration (CONTRACT.md "Portfolio document").</summary>
    public decimal TaskCost(TaskState task) =>
        EarnedValueRules.TaskCost(task.FixedCost, task.Duration,
            task.Assignments.Select(a => (a.Units, Resources.TryGetValue(a.ResourceId, out var r) ? r.CostRate : 0m)));

    /// <summary>The ids of the portfolio and every portfolio above it, as the service's own scope model
    /// (<see cref="PortfolioTree"/>) answers it.</summary>
    public IEnumerable<string> Lineage(string portfolioId) => new PortfolioTree(new PortfolioParents(Portfolios)).Lineage(portfolioId);

    /// <summary>Applies an accepted command as the service would. Unknown ids are ignored (the service refused those).</summary>
    public void Apply(IPmoCommand change)
    {
        switch (change)
        {
            case SlipTask slip when FindTask(slip.ProjectId, slip.TaskId) is { } task:
                task.Duration = Math.Max(0, task.Duration + (slip.Days ?? 0));
                break;
            case RecordProgress progress when FindTask(progress.ProjectId, progress.TaskId) is { } task:
                if (progress.PercentComplete is { } percent) task.PercentComplete = percent;
                if (progress.ActualCost is { } actual) task.ActualCost = actual;
                break;
            case SetProjectBudget { Budget: { } budget } set when Projects.TryGetValue(set.ProjectId, out var project):
                project.Budget = budget;
                break;
            case AssignResource { ResourceId: { } resourceId, Units: { } units } assign when FindTask(assign.ProjectId, assign.TaskId ?? "") is { } task:
                var existing = task.Assignments.FirstOrDefault(a => a.ResourceId == resourceId);
                if (units == 0m) { if (existing is not null) task.Assignments.Remove(existing); }
                else if (existing is not null) existing.Units = units;
                else task.Assignments.Add(new AssignmentState { ResourceId = resourceId, Units = units });
                break;
            case MoveProject { PortfolioId: { } portfolioId } move when Projects.TryGetValue(move.ProjectId, out var project):
                project.PortfolioId = portfolioId;
                break;
            case CancelProject cancel:
                if (Projects.Remove(cancel.ProjectId))
                    CrossLinks.RemoveAll(l => l.From.ProjectId == cancel.ProjectId || l.To.ProjectId == cancel.ProjectId);
                break;
            case MoveResource { Pool: { } pool } move when Resources.TryGetValue(move.ResourceId, out var resource):
                resource.Pool = pool;
                break;
            case PutPortfolio put:
                var created = !Portfolios.TryGetValue(put.PortfolioId, out var portfolio);
                if (created) Portfolios[put.PortfolioId] = portfolio = new PortfolioState { Id = put.PortfolioId };
                // As the service reads it: an omitted (null) value keeps what is stored; a new portfolio without a parent is a root.
                portfolio!.Name = put.Name ?? portfolio.Name;
                portfolio.ParentId = put.ParentId ?? (created || put.ParentIdGiven ? null : portfolio.ParentId);
                portfolio.Budget = put.Budget ?? portfolio.Budget;
                break;
            case DeletePortfolio delete:
                Portfolios.Remove(delete.PortfolioId);
                break;
        }
    }

    /// <summary>
    /// The command that takes <paramref name="change"/> back out once applied, worked out before it is
    /// applied: the scenarios apply a command to their model when they plan it (so that commands
    /// planned meanwhile see it) and take it back out when the service refuses it. Relative where the
    /// command is relative (a slip undoes by the days it really moved), absolute otherwise. Null for
    /// structural changes, which the scenarios apply only once accepted.
    /// </summary>
    public IPmoCommand? Inverse(IPmoCommand change) => change switch
    {
        SlipTask slip when FindTask(slip.ProjectId, slip.TaskId) is { } task =>
            slip with { Days = task.Duration - Math.Max(0, task.Duration + (slip.Days ?? 0)) },
        RecordProgress progress when FindTask(progress.ProjectId, progress.TaskId) is { } task =>
            progress with
            {
                PercentComplete = progress.PercentComplete is null ? null : task.PercentComplete,
                ActualCost = progress.ActualCost is null ? null : task.ActualCost,
            },
        SetProjectBudget budget when Projects.TryGetValue(budget.ProjectId, out var project) => budget with { Budget = project.Budget },
        AssignResource assign when FindTask(assign.ProjectId, assign.TaskId ?? "") is { } task =>
            assign with { Units = task.Assignments.FirstOrDefault(a => a.ResourceId == assign.ResourceId)?.Units ?? 0m },
        _ => null,
    };

    /// <summary>
    /// Takes a refused <paramref name="applied"/> back out with the <paramref name="inverse"/> worked
    /// out before it was applied. A slip is undone exactly whatever else was applied meanwhile (days
    /// add up). An absolute value is put back only while it is still the refused command's own: one
    /// set later supersedes it, in the model as at the service. (Two refused commands on one value,
    /// undone oldest first, leave the older one's value: the model only steers what is sent next.)
    /// </summary>
    public void Revert(IPmoCommand applied, IPmoCommand inverse)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(inverse);
        switch (applied, inverse)
        {
            case (SlipTask, SlipTask):
                Apply(inverse);
                break;
            case (RecordProgress mine, RecordProgress before) when FindTask(mine.ProjectId, mine.TaskId) is { } task:
                if (mine.PercentComplete is { } percent && task.PercentComplete == percent && before.PercentComplete is { } oldPercent) task.PercentComplete = oldPercent;
                if (mine.ActualCost is { } actual && task.ActualCost == actual && before.ActualCost is { } oldActual) task.ActualCost = oldActual;
                break;
            case (SetProjectBudget mine, SetProjectBudget) when Projects.TryGetValue(mine.ProjectId, out var project) && project.Budget == mine.Budget:
                Apply(inverse);
                break;
            case (AssignResource mine, AssignResource) when FindTask(mine.ProjectId, mine.TaskId ?? "") is { } task
                && (task.Assignments.FirstOrDefault(a => a.ResourceId == mine.ResourceId)?.Units ?? 0m) == mine.Units:
                Apply(inverse);
                break;
        }
    }

    public TaskState? FindTask(string projectId, string taskId) =>
        Projects.TryGetValue(projectId, out var project) && project.TaskById.TryGetValue(taskId, out var task) ? task : null;
}
