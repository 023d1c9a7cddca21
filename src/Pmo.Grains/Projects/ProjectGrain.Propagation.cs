using Pmo.Domain.Projects;
using Pmo.Domain.Resources;
using Pmo.Domain.Scheduling;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Projects;

internal sealed partial class ProjectGrain
{
    // What this activation last told each peer. Kept in memory only: after a reactivation the
    // first publish simply tells everyone again, which receivers absorb by version.
    private readonly Dictionary<string, BoundaryEarlyDates[]> _sentEarly = new();
    private readonly Dictionary<string, BoundaryLateDates[]> _sentLate = new();
    private readonly Dictionary<string, ProjectLoad> _sentLoads = new();
    private ProjectSummary? _sentSummary;
    private ProjectFigures? _figures;
    private string? _figuresChange;

    private readonly OpenAlertConfirmation _openAlerts = new();
    private DerivedStateWrites? _writes;
    private DerivedStateWrites Writes => _writes ??= new(this, () => state.WriteStateAsync());

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Writes.FlushAsync(cancellationToken);

    private Task PublishIfDefined(Outbox outbox, StateOrigin origin = StateOrigin.Command)
    {
        if (S.Definition is not null) return Publish(outbox, origin);
        // An undefined project (not imported yet, or cancelled) keeps what it hears in memory
        // only, so that a late message cannot resurrect a cancelled project in storage.
        outbox.Flush();
        return Task.CompletedTask;
    }

    /// <summary>Recompute, queue a message for every peer whose view of this project changed, save, send.</summary>
    private async Task Publish(Outbox outbox, StateOrigin origin = StateOrigin.Command)
    {
        _figures = null;
        var following = S.BaselineFollowsChange is not null;
        var figures = Figures(outbox.Cause.ChangeId);
        // The baseline was just fixed for good: that is the project's own record, not derived, and a
        // write behind lost in a crash could not be rebuilt (a resync would let it follow again), so it is
        // written at once, and the change that fixed it settles only once it is stored.
        var baselineFixed = following && S.BaselineFollowsChange is null;
        var definition = S.Definition!;
        var version = 0L;
        long Version() => version == 0 ? version = NextVersion() : version;

        foreach (var (successor, dates) in EarlyExports(figures))
        {
            if (_sentEarly.TryGetValue(successor, out var sent) && sent.SequenceEqual(dates)) continue;
            _sentEarly[successor] = dates;
            var v = Version();
            outbox.Post(r => GrainFactory.GetGrain<IProjectGrain>(successor).PredecessorDatesChanged(r, Id, v, dates));
        }

        foreach (var (predecessor, dates) in LateExports(figures))
        {
            if (_sentLate.TryGetValue(predecessor, out var sent) && sent.SequenceEqual(dates)) continue;
            _sentLate[predecessor] = dates;
            var v = Version();
            outbox.Post(r => GrainFactory.GetGrain<IProjectGrain>(predecessor).SuccessorDatesChanged(r, Id, v, dates));
        }

        foreach (var resourceId in figures.Loads.Keys.Union(S.LoadedResources).ToList())
        {
            var segments = figures.Loads.TryGetValue(resourceId, out var s) ? s.ToArray() : [];
            var load = new ProjectLoad { ProjectId = Id, PortfolioId = definition.PortfolioId, Segments = segments };
            if (_sentLoads.TryGetValue(resourceId, out var sent) && sent.PortfolioId == load.PortfolioId && sent.Segments.SequenceEqual(segments)) continue;
            if (segments.Length == 0) { _sentLoads.Remove(resourceId); S.LoadedResources.Remove(resourceId); }
            else { _sentLoads[resourceId] = load; S.LoadedResources.Add(resourceId); }
            var v = Version();
            outbox.Post(r => GrainFactory.GetGrain<IResourceGrain>(resourceId).LoadChanged(r, v, load));
        }

        var owner = Incarnation.AlertOwner("project", Id, S.Incarnation);
        var alerts = S.Alerts.Reconcile(owner, figures.AlertConditions, time);
        PostAlerts(outbox, alerts, definition.PortfolioId);
        _openAlerts.PostIfResync(outbox, GrainFactory, owner, S.Alerts, postedTransitions: alerts.Count > 0,
            open => Drafts(open, definition.PortfolioId));

        var summary = Summary(figures);
        if (summary != _sentSummary)
        {
            // The change trace shows how far each project moved; a note, not an effect to account for.
            if (_sentSummary is { } before && before.Finish != summary.Finish)
                _ = GrainFactory.GetGrain<IChangeGrain>(outbox.Cause.ChangeId).ProjectMoved(Id, before.Finish, summary.Finish);
            _sentSummary = summary;
            var v = Version();
            outbox.Post(r => GrainFactory.GetGrain<IPortfolioGrain>(summary.PortfolioId).ProjectChanged(r, v, summary));
            // Clients hear of it too; not part of the change's accounting (a push is not an effect on the model).
            _ = GrainFactory.GetGrain<IPushNotifierGrain>(0).Publish(new PushBatch { Summaries = [PushedSummary.Of(summary, outbox.Cause.ChangeId, v)] });
        }

        await Writes.SaveThenSend(origin, writeNow: alerts.Count > 0 || baselineFixed, outbox);
    }

    /// <summary>
    /// The figures for the current state. While the import that created the project is still
    /// propagating, the baseline follows the schedule (see ProjectState.BaselineFollowsChange).
    /// </summary>
    /// <remarks>
    /// A resync neither ends the follow nor is left out of it: a project that reactivated from a write
    /// made while its import was still propagating (derived state is written behind) must end up with the
    /// baseline the settled import gives, which the resync's retold dates rebuild.
    /// </remarks>
    private ProjectFigures Figures(string? changeId)
    {
        if (changeId is not null && S.BaselineFollowsChange is { } following && following != changeId && !Ripple.IsResync(changeId))
            S.BaselineFollowsChange = null;
        if (_figures is not null && (changeId is null || _figuresChange == changeId)) return _figures;

        var figures = ProjectFigures.Compute(Inputs());
        if (changeId is not null && S.BaselineFollowsChange is { } followed && (followed == changeId || Ripple.IsResync(changeId)))
        {
            S.Baselines = figures.CurrentBaselines();
            S.BaselineFinish = figures.Finish;
            figures = ProjectFigures.Compute(Inputs());
        }
        _figuresChange = changeId;
        return _figures = figures;
    }

    private ProjectInputs Inputs()
    {
        var definition = S.Definition!;
        var incoming = new List<BoundaryPredecessor>();
        var outgoing = new List<BoundarySuccessor>();
        foreach (var link in S.CrossLinks)
        {
            if (link.To.ProjectId == Id && S.Predecessors.TryGetValue(link.From.ProjectId, out var early)
                && Array.Find(early.Dates, d => d.TaskId == link.From.TaskId) is { } e)
                incoming.Add(new BoundaryPredecessor
                {
                    ToTask = link.To.TaskId, Type = link.Type, Lag = link.Lag,
                    PredecessorEarlyStart = e.EarlyStart, PredecessorEarlyFinish = e.EarlyFinish,
                });
            if (link.From.ProjectId == Id && S.Successors.TryGetValue(link.To.ProjectId, out var late)
                && Array.Find(late.Dates, d => d.TaskId == link.To.TaskId) is { } l)
                outgoing.Add(new BoundarySuccessor
                {
                    FromTask = link.From.TaskId, Type = link.Type, Lag = link.Lag,
                    SuccessorLateStart = l.LateStart, SuccessorLateFinish = l.LateFinish,
                });
        }
        return new ProjectInputs
        {
            Definition = definition,
            Calendar = CalendarCache.For(S.Calendar),
            StatusDate = StatusDay.Resolve(S.StatusDate, time),
            Baselines = S.Baselines,
            BaselineFinish = S.BaselineFinish ?? definition.Start,
            CostRates = S.CostRates,
            FromOtherProjects = incoming,
            ToOtherProjects = outgoing,
        };
    }

    /// <summary>Per successor project: early dates of this project's tasks that its links start from.</summary>
    private IEnumerable<(string Project, BoundaryEarlyDates[] Dates)> EarlyExports(ProjectFigures figures) =>
        BoundaryExports(figures, near: l => l.From, far: l => l.To,
            (taskId, dates) => new BoundaryEarlyDates { TaskId = taskId, EarlyStart = dates.EarlyStart, EarlyFinish = dates.EarlyFinish });

    /// <summary>Per predecessor project: late dates of this project's tasks that its links end at.</summary>
    private IEnumerable<(string Project, BoundaryLateDates[] Dates)> LateExports(ProjectFigures figures) =>
        BoundaryExports(figures, near: l => l.To, far: l => l.From,
            (taskId, dates) => new BoundaryLateDates { TaskId = taskId, LateStart = dates.LateStart, LateFinish = dates.LateFinish });

    /// <summary>
    /// Per project at the far end of this project's cross links: the dates of this project's tasks at the
    /// near end, one a task, in task-id order so that an unchanged export compares equal to the one sent
    /// before. Successors and predecessors differ only in which end is near and which dates they need.
    /// </summary>
    private IEnumerable<(string Project, TDates[] Dates)> BoundaryExports<TDates>(ProjectFigures figures,
        Func<CrossLink, TaskKey> near, Func<CrossLink, TaskKey> far, Func<string, TaskDates, TDates> export)
    {
        var tasks = figures.Schedule.Tasks;
        return S.CrossLinks.Where(l => near(l).ProjectId == Id && tasks.ContainsKey(near(l).TaskId))
            .GroupBy(l => far(l).ProjectId)
            .Select(g => (g.Key, g.Select(l => near(l).TaskId).Distinct().Order(StringComparer.Ordinal)
                .Select(taskId => export(taskId, tasks[taskId]))
                .ToArray()));
    }

    private ProjectSummary Summary(ProjectFigures figures) => new()
    {
        ProjectId = Id,
        Name = S.Definition!.Name,
        PortfolioId = S.Definition.PortfolioId,
        Totals = figures.Totals,
        Budget = S.Definition.Budget,
        Finish = figures.Finish,
        BaselineFinish = figures.Inputs.BaselineFinish,
        Health = figures.Health,
        OpenAlerts = S.Alerts.Open.Count,
    };

    private void LeavePortfolio(Outbox outbox, string portfolioId)
    {
        var version = NextVersion();
        _sentSummary = null;
        outbox.Post(r => GrainFactory.GetGrain<IPortfolioGrain>(portfolioId).ProjectLeft(r, version, Id));
    }

    private void PostAlerts(Outbox outbox, IReadOnlyList<AlertTransition> transitions, string portfolioId)
    {
        if (transitions.Count == 0) return;
        var drafts = Drafts(transitions, portfolioId);
        outbox.PostAfterSave(r => GrainFactory.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).Append(r, drafts));
    }

    private AlertDraft[] Drafts(IReadOnlyList<AlertTransition> transitions, string portfolioId)
    {
        var now = time.GetUtcNow();
        return [.. transitions.Select(t => new AlertDraft { Transition = t, PortfolioIds = [portfolioId], ProjectIds = [Id], ResourceIds = [], At = now, Revision = S.Alerts.Revision })];
    }

    private long NextVersion() => S.Version = VersionClock.Next(S.Version, time);

    private void ForgetSent()
    {
        _sentEarly.Clear();
        _sentLate.Clear();
        _sentLoads.Clear();
        _sentSummary = null;
        _figures = null;
    }
}
