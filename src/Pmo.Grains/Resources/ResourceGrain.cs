using Pmo.Domain.Calendar;
using Pmo.Domain.Resources;
using Pmo.Grains.Hosting;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Resources;

/// <summary>
/// A resource: sums the load every project places on it and keeps its ResourceConflict alert true.
/// It only ever receives loads (one-way) and tells the alert log; it calls no project back.
/// </summary>
[GrainType("pmo-resource")]
internal sealed class ResourceGrain(
    [PersistentState("resource", PmoStorage.Name)] IPersistentState<ResourceState> state,
    TimeProvider time) : Grain, IResourceGrain
{
    private (int Runs, decimal Peak, string Pool, decimal Capacity)? _pushed;
    private long _pushVersion;

    private string Id => this.GetPrimaryKeyString();
    private ResourceState S => state.State;

    public async Task Define(Ripple ripple, ResourceDefinition definition, Timeframe timeframe)
    {
        S.Definition = definition;
        S.Timeframe = timeframe;
        await Reevaluate(NewOutbox(ripple));
    }

    public async Task SetTimeframe(Ripple ripple, Timeframe timeframe)
    {
        S.Timeframe = timeframe;
        await Reevaluate(NewOutbox(ripple));
    }

    public async Task LoadChanged(Ripple ripple, long version, ProjectLoad load)
    {
        var outbox = NewOutbox(ripple);
        if (S.Loads.TryGetValue(load.ProjectId, out var known) && known.Version >= version)
        {
            outbox.Flush();
            return;
        }
        S.Loads[load.ProjectId] = new ReceivedLoad { Version = version, PortfolioId = load.PortfolioId, Segments = load.Segments };
        await Reevaluate(outbox, StateOrigin.Derived);
    }

    public Task<ResourceDefinition?> GetDefinition() => Task.FromResult(S.Definition);

    public Task<ResourceLoadView?> GetLoad(DateOnly? from, DateOnly? to)
    {
        if (S.Definition is null) return Task.FromResult<ResourceLoadView?>(null);
        var calendar = Calendar();
        var segments = Segments().ToList();
        var fromDay = from is { } f ? calendar.DayNumber(f) : segments.Count > 0 ? segments.Min(s => s.StartDay) : 0;
        var toDay = to is { } t ? calendar.LastDayOnOrBefore(t) : segments.Count > 0 ? segments.Max(s => s.EndDay) - 1 : -1;
        var days = toDay >= fromDay ? ResourceLoad.Daily(segments, fromDay, toDay) : [];
        return Task.FromResult<ResourceLoadView?>(new ResourceLoadView
        {
            Id = Id,
            Capacity = S.Definition.Capacity,
            Days = [.. days.Select(d => new DayLoadView { Date = calendar.DateOf(d.Day), Load = d.Load, Projects = [.. d.Projects] })],
            Overallocated = [.. ResourceLoad.Overallocations(S.Definition.Capacity, segments)
                .Select(r => new OverallocationView { From = calendar.DateOf(r.FromDay), To = calendar.DateOf(r.ToDay), Peak = r.Peak })],
        });
    }

    private readonly OpenAlertConfirmation _openAlerts = new();
    private DerivedStateWrites? _writes;
    private DerivedStateWrites Writes => _writes ??= new(this, () => state.WriteStateAsync());

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Writes.FlushAsync(cancellationToken);

    private async Task Reevaluate(Outbox outbox, StateOrigin origin = StateOrigin.Command)
    {
        var alertsChanged = false;
        if (S.Definition is { } definition)
        {
            var calendar = Calendar();
            var statusDay = calendar.DayNumber(StatusDay.Resolve(S.Timeframe?.StatusDate, time));
            var segments = Segments().ToList();
            var runs = ResourceLoad.Overallocations(definition.Capacity, segments);
            var condition = AlertRules.ResourceConflict(Id, definition.Capacity, runs, statusDay);
            var owner = $"resource:{Id}";
            var transitions = S.Alerts.Reconcile(owner, condition is null ? [] : [condition], time);
            alertsChanged = transitions.Count > 0;
            if (alertsChanged)
            {
                var drafts = Drafts(transitions, runs, segments, statusDay);
                outbox.PostAfterSave(r => GrainFactory.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).Append(r, drafts));
            }
            _openAlerts.PostIfResync(outbox, GrainFactory, owner, S.Alerts, postedTransitions: alertsChanged,
                open => Drafts(open, runs, segments, statusDay));
            var summary = (runs.Count, runs.Count == 0 ? 0m : runs.Max(r => r.Peak), definition.Pool, definition.Capacity);
            if (summary != _pushed)
            {
                _pushed = summary;
                _pushVersion = VersionClock.Next(_pushVersion, time);
                _ = GrainFactory.GetGrain<IPushNotifierGrain>(0).Publish(new PushBatch
                {
                    Summaries =
                    [
                        PushedSummary.Of(new ResourceSummary(Id, definition.Name, definition.Pool, definition.Capacity, summary.Item1, summary.Item2),
                            outbox.Cause.ChangeId, _pushVersion),
                    ],
                });
            }
        }
        await Writes.SaveThenSend(origin, writeNow: alertsChanged, outbox);
    }

    /// <summary>The alert names the projects (and their portfolios) loading the resource on its over-allocated days from the status day on.</summary>
    private AlertDraft[] Drafts(IReadOnlyList<AlertTransition> transitions, IReadOnlyList<OverallocationRun> runs, List<LoadSegment> segments, int statusDay)
    {
        if (transitions.Count == 0) return [];
        var projects = segments
            .Where(s => runs.Any(r => r.ToDay >= statusDay && s.StartDay <= r.ToDay && s.EndDay - 1 >= Math.Max(r.FromDay, statusDay)))
            .Select(s => s.ProjectId).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (projects.Length == 0)
            projects = [.. S.Loads.Where(l => l.Value.Segments.Length > 0).Select(l => l.Key).Order(StringComparer.Ordinal)];
        var portfolios = projects.Select(p => S.Loads[p].PortfolioId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var now = time.GetUtcNow();
        return [.. transitions.Select(t => new AlertDraft
        {
            Transition = t, PortfolioIds = portfolios, ProjectIds = projects, ResourceIds = [Id], At = now, Revision = S.Alerts.Revision,
        })];
    }

    private IEnumerable<LoadSegment> Segments() => S.Loads.Values.SelectMany(l => l.Segments);

    private WorkCalendar Calendar() => CalendarCache.For(S.Timeframe?.Calendar ?? CalendarSpec.Default);

    private Outbox NewOutbox(Ripple ripple) => new(GrainFactory, ripple, $"resource/{Id}");
}
