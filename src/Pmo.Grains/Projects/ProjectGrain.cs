using Pmo.Contracts.Commands;
using Pmo.Domain.Catalog;
using Pmo.Domain.Commands;
using Pmo.Domain.Documents;
using Pmo.Domain.Projects;
using Pmo.Grains.Hosting;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Projects;

/// <summary>
/// A project: holds its definition and inputs, recomputes its figures on every change (pure code in
/// Pmo.Domain.Projects) and tells successors, predecessors, resources, its portfolio and the alert
/// log only what actually changed (see ProjectGrain.Propagation.cs).
/// </summary>
[GrainType("pmo-project")]
internal sealed partial class ProjectGrain(
    [PersistentState("project", PmoStorage.Name)] IPersistentState<ProjectState> state,
    TimeProvider time) : Grain, IProjectGrain
{
    private string Id => this.GetPrimaryKeyString();
    private ProjectState S => state.State;

    public async Task Define(Ripple ripple, ProjectSetup setup)
    {
        var outbox = NewOutbox(ripple);
        var previous = S.Definition;
        if (previous is null)
        {
            S.Baselines = new();
            S.BaselineFinish = null;
            S.BaselineFollowsChange = ripple.ChangeId;
            S.Incarnation = Incarnation.New(time);
        }
        else
        {
            // Re-import replaces the project whole but keeps its baseline; tasks that are gone
            // take their baseline with them, new tasks plan nothing until the next re-baseline.
            var ids = setup.Definition.Tasks.Select(t => t.Id).ToHashSet();
            foreach (var gone in S.Baselines.Keys.Where(k => !ids.Contains(k)).ToList()) S.Baselines.Remove(gone);
            if (previous.PortfolioId != setup.Definition.PortfolioId) LeavePortfolio(outbox, previous.PortfolioId);
        }
        S.Definition = setup.Definition;
        RebaseBaselines(setup.Calendar);
        S.Calendar = setup.Calendar;
        S.StatusDate = setup.StatusDate;
        S.CrossLinks = [.. setup.CrossLinks];
        S.CostRates = new(setup.CostRates);
        await Publish(outbox);
    }

    public async Task<Refusal?> Slip(Ripple ripple, SlipTask command)
    {
        if (command.Check() is { } invalid) return invalid;
        if (FindTask(command.TaskId, out var task) is { } refusal) return refusal;
        var days = command.Days!.Value;
        var before = S.Definition!;
        ReplaceTask(task! with { Duration = Math.Max(0, task!.Duration + days) });
        _figures = null;
        if (!ProjectFigures.WithinHorizon(Inputs()))
        {
            // Refused: the tentative slip is undone, so nothing changed.
            S.Definition = before;
            return CommandRules.SlipPastHorizon(command.TaskId, days);
        }
        await Publish(NewOutbox(ripple));
        return null;
    }

    public async Task<Refusal?> Rebaseline(Ripple ripple, RebaselineProject command)
    {
        if (S.Definition is null) return NotFound($"Project {Id} does not exist.");
        var figures = Figures(ripple.ChangeId);
        S.Baselines = figures.CurrentBaselines();
        S.BaselineFinish = figures.Finish;
        S.BaselineFollowsChange = null;
        await Publish(NewOutbox(ripple));
        return null;
    }

    public async Task<Refusal?> ReportProgress(Ripple ripple, RecordProgress command)
    {
        if (command.Check() is { } invalid) return invalid;
        if (FindTask(command.TaskId, out var task) is { } refusal) return refusal;
        ReplaceTask(task! with
        {
            PercentComplete = command.PercentComplete ?? task!.PercentComplete,
            ActualCost = command.ActualCost ?? task!.ActualCost,
        });
        await Publish(NewOutbox(ripple));
        return null;
    }

    public async Task<Refusal?> SetBudget(Ripple ripple, SetProjectBudget command)
    {
        if (command.Check() is { } invalid) return invalid;
        if (S.Definition is null) return NotFound($"Project {Id} does not exist.");
        S.Definition = S.Definition with { Budget = command.Budget!.Value };
        await Publish(NewOutbox(ripple));
        return null;
    }

    public async Task<string[]> Assign(Ripple ripple, string taskId, string resourceId, decimal units, decimal costRate)
    {
        if (FindTask(taskId, out var task) is not null) return [];
        var others = task!.Assignments.Where(a => a.ResourceId != resourceId);
        var assignments = units > 0 ? others.Append(new Assignment { ResourceId = resourceId, Units = units }) : others;
        ReplaceTask(task with { Assignments = [.. assignments] });
        S.CostRates[resourceId] = costRate;
        await Publish(NewOutbox(ripple));
        return UsedResources();
    }

    public async Task SetCrossLinks(Ripple ripple, CrossLink[] crossLinks)
    {
        S.CrossLinks = [.. crossLinks];
        await PublishIfDefined(NewOutbox(ripple));
    }

    public async Task MoveTo(Ripple ripple, string portfolioId)
    {
        var outbox = NewOutbox(ripple);
        if (S.Definition is { } definition && definition.PortfolioId != portfolioId)
        {
            LeavePortfolio(outbox, definition.PortfolioId);
            S.Definition = definition with { PortfolioId = portfolioId };
        }
        await PublishIfDefined(outbox);
    }

    public async Task SetTimeframe(Ripple ripple, Timeframe timeframe)
    {
        RebaseBaselines(timeframe.Calendar);
        S.Calendar = timeframe.Calendar;
        S.StatusDate = timeframe.StatusDate;
        await PublishIfDefined(NewOutbox(ripple));
    }

    public async Task SetCostRate(Ripple ripple, string resourceId, decimal costRate)
    {
        S.CostRates[resourceId] = costRate;
        await PublishIfDefined(NewOutbox(ripple));
    }

    public async Task Cancel(Ripple ripple)
    {
        var outbox = NewOutbox(ripple);
        if (S.Definition is { } definition)
        {
            var version = NextVersion();
            LeavePortfolio(outbox, definition.PortfolioId);
            foreach (var resourceId in S.LoadedResources)
            {
                var release = new ProjectLoad { ProjectId = Id, PortfolioId = definition.PortfolioId, Segments = [] };
                outbox.Post(r => GrainFactory.GetGrain<IResourceGrain>(resourceId).LoadChanged(r, version, release));
            }
            PostAlerts(outbox, S.Alerts.ResolveAll(time), definition.PortfolioId);
            await Writes.ClearAsync(() => state.ClearStateAsync());
            state.State = new ProjectState { Version = version };
            ForgetSent();
            DeactivateOnIdle();
        }
        outbox.Flush();
    }

    public async Task PredecessorDatesChanged(Ripple ripple, string fromProject, long version, BoundaryEarlyDates[] dates)
    {
        var known = S.Predecessors.GetValueOrDefault(fromProject);
        if (known is null || known.Version < version)
            S.Predecessors[fromProject] = new InboundDates<BoundaryEarlyDates> { Version = version, Dates = dates };
        await PublishIfDefined(NewOutbox(ripple), StateOrigin.Derived);
    }

    public async Task SuccessorDatesChanged(Ripple ripple, string toProject, long version, BoundaryLateDates[] dates)
    {
        var known = S.Successors.GetValueOrDefault(toProject);
        if (known is null || known.Version < version)
            S.Successors[toProject] = new InboundDates<BoundaryLateDates> { Version = version, Dates = dates };
        await PublishIfDefined(NewOutbox(ripple), StateOrigin.Derived);
    }

    public async Task Resync(Ripple ripple)
    {
        ForgetSent();
        await PublishIfDefined(NewOutbox(ripple), StateOrigin.Derived);
    }

    public Task<ProjectView?> GetView() =>
        Task.FromResult(S.Definition is null ? null : ProjectViews.View(Figures(null), S));

    public Task<ProjectPlan?> GetPlan() =>
        Task.FromResult(S.Definition is null ? null : ProjectViews.Plan(Figures(null), S));

    public Task<ProjectSummary?> GetSummary() =>
        Task.FromResult(S.Definition is null ? null : Summary(Figures(null)));

    public Task<ProjectEntry?> Export() =>
        Task.FromResult(S.Definition is null ? null : ProjectViews.Export(S.Definition));

    /// <summary>Baselines are kept as day numbers of the calendar they were taken on; a new calendar recounts them.</summary>
    private void RebaseBaselines(Pmo.Domain.Calendar.CalendarSpec calendar)
    {
        var (from, to) = (CalendarCache.For(S.Calendar), CalendarCache.For(calendar));
        if (ReferenceEquals(from, to) || S.Baselines.Count == 0) return;
        foreach (var (taskId, baseline) in S.Baselines.ToList()) S.Baselines[taskId] = baseline.Rebase(from, to);
    }

    private Refusal? FindTask(string taskId, out TaskDefinition? task)
    {
        task = null;
        if (S.Definition is null) return NotFound($"Project {Id} does not exist.");
        task = S.Definition.Tasks.FirstOrDefault(t => t.Id == taskId);
        return task is null ? NotFound($"Project {Id} has no task {taskId}.") : null;
    }

    private void ReplaceTask(TaskDefinition task) =>
        S.Definition = S.Definition! with { Tasks = [.. S.Definition.Tasks.Select(t => t.Id == task.Id ? task : t)] };

    private string[] UsedResources() =>
        [.. S.Definition!.Tasks.SelectMany(t => t.Assignments).Select(a => a.ResourceId).Distinct().Order(StringComparer.Ordinal)];

    private static Refusal NotFound(string detail) => new() { Kind = RefusalKind.NotFound, Detail = detail };

    private Outbox NewOutbox(Ripple ripple) => new(GrainFactory, ripple, $"project/{Id}");
}
