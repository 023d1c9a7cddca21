using Pmo.Domain.EarnedValue;
using Pmo.Grains.Hosting;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Portfolios;

/// <summary>
/// A portfolio: rolls up its projects and sub-portfolios, keeps its BudgetOverrun alert true, and
/// reports its subtree to its parent. Children report one-way with versions, so a project that
/// moves (leaves here, joins there) lands in exactly one roll-up whatever order messages arrive in.
/// </summary>
[GrainType("pmo-portfolio")]
internal sealed class PortfolioGrain(
    [PersistentState("portfolio", PmoStorage.Name)] IPersistentState<PortfolioState> state,
    TimeProvider time) : Grain, IPortfolioGrain
{
    private SubtreeTotals? _sentToParent;
    private PortfolioView? _pushed;
    private string? _sentParent;

    private string Id => this.GetPrimaryKeyString();
    private PortfolioState S => state.State;

    public async Task Define(Ripple ripple, PortfolioDefinition definition)
    {
        var outbox = NewOutbox(ripple);
        if (S.Definition?.ParentId is { } oldParent && oldParent != definition.ParentId) LeaveParent(outbox, oldParent);
        S.Incarnation ??= Incarnation.New(time);
        S.Definition = definition;
        await Reevaluate(outbox);
    }

    public async Task Remove(Ripple ripple)
    {
        var outbox = NewOutbox(ripple);
        if (S.Definition is { } definition)
        {
            if (definition.ParentId is { } parent) LeaveParent(outbox, parent);
            PostAlerts(outbox, S.Alerts.ResolveAll(time));
            await Writes.ClearAsync(() => state.ClearStateAsync());
            state.State = new PortfolioState { Version = S.Version };
            DeactivateOnIdle();
        }
        outbox.Flush();
    }

    public Task ProjectChanged(Ripple ripple, long version, ProjectSummary summary) =>
        Receive(ripple, S.Projects, summary.ProjectId, version, summary);

    public Task ProjectLeft(Ripple ripple, long version, string projectId) =>
        Receive<ProjectSummary>(ripple, S.Projects, projectId, version, null);

    public Task ChildChanged(Ripple ripple, long version, SubtreeTotals totals) =>
        Receive(ripple, S.Children, totals.PortfolioId, version, totals);

    public Task ChildLeft(Ripple ripple, long version, string portfolioId) =>
        Receive<SubtreeTotals>(ripple, S.Children, portfolioId, version, null);

    public async Task Resync(Ripple ripple)
    {
        _sentToParent = null;
        _pushed = null;
        await Reevaluate(NewOutbox(ripple), StateOrigin.Derived);
    }

    public Task<PortfolioView?> GetView()
    {
        if (S.Definition is not { } definition) return Task.FromResult<PortfolioView?>(null);
        var rollup = PortfolioRollup.Of(S);
        return Task.FromResult<PortfolioView?>(new PortfolioView
        {
            Id = definition.Id,
            Name = definition.Name,
            ParentId = definition.ParentId,
            ProjectCount = rollup.ProjectCount,
            Budget = definition.Budget,
            Eac = Figures.Money(rollup.Eac),
            Cpi = Figures.Index(rollup.Totals.Cpi),
            Spi = Figures.Index(rollup.Totals.Spi),
            Health = Health(rollup, definition).ToString().ToLowerInvariant(),
            Finish = rollup.Finish,
            Bac = Figures.Money(rollup.Totals.Bac),
            Ev = Figures.Money(rollup.Totals.Ev),
            Ac = Figures.Money(rollup.Totals.Ac),
            Pv = Figures.Money(rollup.Totals.Pv),
        });
    }

    public Task<ProjectSummary[]> GetProjects() =>
        Task.FromResult(S.Projects.Values.Select(p => p.Value).OfType<ProjectSummary>().ToArray());

    private async Task Receive<T>(Ripple ripple, Dictionary<string, Versioned<T>> children, string key, long version, T? value)
        where T : class
    {
        var outbox = NewOutbox(ripple);
        if (children.TryGetValue(key, out var known) && known.Version >= version)
        {
            outbox.Flush();
            return;
        }
        children[key] = new Versioned<T> { Version = version, Value = value };
        await Reevaluate(outbox, StateOrigin.Derived);
    }

    private readonly OpenAlertConfirmation _openAlerts = new();
    private DerivedStateWrites? _writes;
    private DerivedStateWrites Writes => _writes ??= new(this, () => state.WriteStateAsync());

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Writes.FlushAsync(cancellationToken);

    private async Task Reevaluate(Outbox outbox, StateOrigin origin = StateOrigin.Command)
    {
        if (S.Definition is not { } definition)
        {
            outbox.Flush();
            return;
        }
        var rollup = PortfolioRollup.Of(S);
        var overrun = AlertRules.BudgetOverrun($"portfolio:{Id}", rollup.Eac, definition.Budget);
        var owner = Incarnation.AlertOwner("portfolio", Id, S.Incarnation);
        var alerts = S.Alerts.Reconcile(owner, overrun is null ? [] : [overrun], time);
        PostAlerts(outbox, alerts);
        _openAlerts.PostIfResync(outbox, GrainFactory, owner, S.Alerts, postedTransitions: alerts.Count > 0, Drafts);

        if (definition.ParentId is { } parent)
        {
            var totals = new SubtreeTotals
            {
                PortfolioId = Id, Totals = rollup.Totals, Eac = Figures.Money(rollup.Eac), ProjectCount = rollup.ProjectCount, Finish = rollup.Finish,
            };
            if (totals != _sentToParent || parent != _sentParent)
            {
                _sentToParent = totals;
                _sentParent = parent;
                var version = NextVersion();
                outbox.Post(r => GrainFactory.GetGrain<IPortfolioGrain>(parent).ChildChanged(r, version, totals));
            }
        }
        if (await GetView() is { } view && view != _pushed)
        {
            _pushed = view;
            _ = GrainFactory.GetGrain<IPushNotifierGrain>(0).Publish(new PushBatch
            {
                Summaries = [PushedSummary.Of(view, outbox.Cause.ChangeId, NextVersion())],
            });
        }
        await Writes.SaveThenSend(origin, writeNow: alerts.Count > 0, outbox);
    }

    /// <summary>The project thresholds, applied to the subtree's summed indices and to the portfolio's eac
    /// (the sum of its projects' eac) against its own budget.</summary>
    private static Health Health(PortfolioRollup rollup, PortfolioDefinition definition) =>
        HealthRules.Of(rollup.Totals.Cpi, rollup.Totals.Spi, rollup.Eac, definition.Budget, rollup.AnyProjectLate);

    private void LeaveParent(Outbox outbox, string parent)
    {
        var version = NextVersion();
        _sentToParent = null;
        _sentParent = null;
        outbox.Post(r => GrainFactory.GetGrain<IPortfolioGrain>(parent).ChildLeft(r, version, Id));
    }

    private void PostAlerts(Outbox outbox, IReadOnlyList<AlertTransition> transitions)
    {
        if (transitions.Count == 0) return;
        var drafts = Drafts(transitions);
        outbox.PostAfterSave(r => GrainFactory.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).Append(r, drafts));
    }

    private AlertDraft[] Drafts(IReadOnlyList<AlertTransition> transitions)
    {
        var now = time.GetUtcNow();
        return [.. transitions.Select(t => new AlertDraft { Transition = t, PortfolioIds = [Id], ProjectIds = [], ResourceIds = [], At = now, Revision = S.Alerts.Revision })];
    }

    private long NextVersion() => S.Version = VersionClock.Next(S.Version, time);

    private Outbox NewOutbox(Ripple ripple) => new(GrainFactory, ripple, $"portfolio/{Id}");
}
