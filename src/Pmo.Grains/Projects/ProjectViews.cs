using Pmo.Grains.Propagation;
using System.Globalization;
using Pmo.Domain.Documents;
using Pmo.Domain.Projects;

namespace Pmo.Grains.Projects;

/// <summary>Turns a project's figures into what the API shows and exports (day numbers become dates).</summary>
internal static class ProjectViews
{
    public static ProjectView View(ProjectFigures figures, ProjectState state)
    {
        var definition = figures.Inputs.Definition;
        var calendar = figures.Inputs.Calendar;
        var totals = figures.Totals;
        return new ProjectView
        {
            Id = definition.Id,
            Name = definition.Name,
            PortfolioId = definition.PortfolioId,
            Priority = definition.Priority,
            Start = definition.Start,
            Finish = figures.Finish,
            BaselineFinish = figures.Inputs.BaselineFinish,
            Budget = definition.Budget,
            Eac = Figures.Money(totals.Eac),
            Cpi = Figures.Index(totals.Cpi),
            Spi = Figures.Index(totals.Spi),
            Health = figures.Health.ToString().ToLowerInvariant(),
            Bac = Figures.Money(totals.Bac),
            Ev = Figures.Money(totals.Ev),
            Ac = Figures.Money(totals.Ac),
            Pv = Figures.Money(totals.Pv),
            Tasks = [.. definition.Tasks.Select(task =>
            {
                var dates = figures.Schedule.Tasks[task.Id];
                return new TaskView
                {
                    Id = task.Id,
                    Name = task.Name,
                    Duration = task.Duration,
                    PercentComplete = task.PercentComplete,
                    EarlyStart = calendar.DateOf(dates.EarlyStart),
                    EarlyFinish = ProjectFigures.EarlyFinishDate(calendar, dates, task.Duration),
                    LateStart = calendar.DateOf(dates.LateStart),
                    LateFinish = ProjectFigures.LateFinishDate(calendar, dates, task.Duration),
                    TotalFloat = dates.TotalFloat,
                    Critical = dates.Critical,
                    Deadline = task.Deadline,
                    Cost = Figures.Money(figures.TaskCosts[task.Id]),
                    ActualCost = task.ActualCost,
                };
            })],
        };
    }

    public static ProjectPlan Plan(ProjectFigures figures, ProjectState state)
    {
        var definition = figures.Inputs.Definition;
        var calendar = figures.Inputs.Calendar;
        return new ProjectPlan
        {
            View = View(figures, state),
            Links = [.. definition.Links.Select(l => new PlanLink
            {
                FromProject = definition.Id, FromTask = l.From, ToProject = definition.Id, ToTask = l.To, Type = l.Type.ToString(), Lag = l.Lag,
            })],
            CrossLinks = [.. state.CrossLinks.Select(l => new PlanLink
            {
                FromProject = l.From.ProjectId, FromTask = l.From.TaskId, ToProject = l.To.ProjectId, ToTask = l.To.TaskId, Type = l.Type.ToString(), Lag = l.Lag,
            })],
            // Baselines are day numbers like the schedule: the same date rules apply (a milestone sits on its start).
            Baselines = [.. figures.Inputs.Baselines.Select(b => new TaskBaselineView
            {
                TaskId = b.Key,
                Start = calendar.DateOf(b.Value.StartDay),
                Finish = calendar.DateOf(b.Value.FinishDay > b.Value.StartDay ? b.Value.FinishDay - 1 : b.Value.StartDay),
            })],
            StatusDate = figures.Inputs.StatusDate,
        };
    }

    public static ProjectEntry Export(ProjectDefinition definition) => new()
    {
        Id = definition.Id,
        Name = definition.Name,
        PortfolioId = definition.PortfolioId,
        Priority = definition.Priority,
        Start = Format(definition.Start),
        Budget = definition.Budget,
        Tasks = [.. definition.Tasks.Select(t => new TaskEntry
        {
            Id = t.Id,
            Name = t.Name,
            Duration = t.Duration,
            FixedCost = t.FixedCost,
            Assignments = [.. t.Assignments.Select(a => new AssignmentEntry { ResourceId = a.ResourceId, Units = a.Units })],
            PercentComplete = t.PercentComplete,
            ActualCost = t.ActualCost,
            Deadline = t.Deadline is { } d ? Format(d) : null,
        })],
        Links = [.. definition.Links.Select(l => new LinkEntry { From = l.From, To = l.To, Type = l.Type.ToString(), Lag = l.Lag })],
    };

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
