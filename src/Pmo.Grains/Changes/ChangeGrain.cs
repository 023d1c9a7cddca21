namespace Pmo.Grains.Changes;

/// <summary>
/// Settlement of one change by message accounting (see <see cref="IChangeGrain"/>).
/// <c>_open</c> maps a message id to how far it is known: announced by its sender (+1), reported
/// done by its handler (+2). An entry at 3 is finished and dropped, so the map holds only the
/// frontier; the change has settled once the root is done and the map is empty.
/// Kept in memory only: a change is a short-lived observation, not enterprise state.
/// A change still open a while after it was accepted may have lost messages with a silo that died;
/// it then settles once the resync that followed that loss has (see <see cref="ISiloLossLedgerGrain"/>).
/// </summary>
[GrainType("pmo-change")]
internal sealed class ChangeGrain(TimeProvider time) : Grain, IChangeGrain
{
    private const int Announced = 1, Done = 2;

    private readonly Dictionary<long, int> _open = new() { [Ripple.RootMessageId] = Announced };
    private readonly HashSet<string> _grains = [];
    private int _alertsRaised;
    private DateTimeOffset? _acceptedAt;
    private DateTimeOffset? _settledAt;

    private readonly Dictionary<string, ProjectMove> _moves = new();
    private readonly List<AlertEntry> _alerts = [];
    private ChangeOrigin? _origin;
    private long _lastAlertSeq;
    private bool _announced;
    private IGrainTimer? _lossWatch;

    /// <summary>How long a change may stay open before it asks whether a silo's loss has stranded it, and how often after.</summary>
    internal static readonly TimeSpan LossCheckEvery = TimeSpan.FromSeconds(5);

    /// <summary>How long GET /api/changes/{id} can find a change (see <see cref="Completed"/>).</summary>
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    public Task Accept(DateTimeOffset acceptedAt)
    {
        _acceptedAt = acceptedAt;
        AnnounceIfSettled();
        WatchForLoss();
        return Task.CompletedTask;
    }

    public Task Accept(DateTimeOffset acceptedAt, ChangeOrigin origin)
    {
        _origin = origin;
        return Accept(acceptedAt);
    }

    public Task Completed(long messageId, long[] sent, string grain, int alertsRaised, long lastAlertSeq)
    {
        Mark(messageId, Done);
        foreach (var child in sent) Mark(child, Announced);
        _grains.Add(grain);
        _alertsRaised += alertsRaised;
        _lastAlertSeq = Math.Max(_lastAlertSeq, lastAlertSeq);
        if (_open.Count == 0 && _settledAt is null) MarkSettled();
        AnnounceIfSettled();
        WatchForLoss();
        return Task.CompletedTask;
    }

    private void MarkSettled()
    {
        _settledAt = time.GetUtcNow();
        _lossWatch?.Dispose();
        _lossWatch = null;
        // Read back a few times at most; keep it long enough for a client polling GET /api/changes.
        DelayDeactivation(KeptFor);
    }

    /// <summary>
    /// One timer per open change, disposed when it settles: almost every change settles within
    /// milliseconds, so the timer is created and dropped without ever firing; it does work only for a
    /// change still open after <see cref="LossCheckEvery"/>.
    /// </summary>
    private void WatchForLoss()
    {
        if (_settledAt is not null || _lossWatch is not null) return;
        _lossWatch = this.RegisterGrainTimer(CheckForLoss, new GrainTimerCreationOptions(LossCheckEvery, LossCheckEvery));
    }

    private async Task CheckForLoss(CancellationToken cancellationToken)
    {
        if (_settledAt is not null) return;
        // A coordinator that came back without its Accept (it lived on the dead silo) dates its change by its id.
        var acceptedAt = _acceptedAt ?? (ChangeIds.TryIssuedAt(this.GetPrimaryKeyString(), out var issued) ? issued : (DateTimeOffset?)null);
        if (acceptedAt is null || !await RepairedSince(acceptedAt.Value)) return;
        SettleByRepair(acceptedAt.Value);
    }

    private async Task<bool> RepairedSince(DateTimeOffset acceptedAt) =>
        await GrainFactory.GetGrain<ISiloLossLedgerGrain>(ISiloLossLedgerGrain.Key).RepairedThrough() is { } repaired && repaired >= acceptedAt;

    private void SettleByRepair(DateTimeOffset acceptedAt)
    {
        _acceptedAt ??= acceptedAt;
        _open.Clear();
        MarkSettled();
        Hosting.PmoMetrics.ChangesRepaired.Add(1);
        AnnounceIfSettled();
    }

    /// <summary>changeSettled goes out once the change is both accepted and settled, whichever came last.</summary>
    private void AnnounceIfSettled()
    {
        if (_announced || _settledAt is null || _acceptedAt is null) return;
        _announced = true;
        var status = Status();
        if (Ripple.IsResync(status.ChangeId))
            _ = GrainFactory.GetGrain<ISiloLossLedgerGrain>(ISiloLossLedgerGrain.Key).ResyncSettled(status.ChangeId);
        Hosting.PmoMetrics.ChangesSettled.Add(1);
        Hosting.PmoMetrics.SettleLatency.Record((status.SettledAt!.Value - status.AcceptedAt).TotalMilliseconds);
        Hosting.PmoMetrics.GrainsTouched.Record(status.GrainsTouched);
        if (status.AlertsRaised > 0) Hosting.PmoMetrics.AlertsRaised.Add(status.AlertsRaised);
        _ = GrainFactory.GetGrain<IPushNotifierGrain>(0).Publish(new PushBatch
        {
            Settlements = [new PushedSettlement { Status = status, LastAlertSeq = _lastAlertSeq }],
        });
    }

    public async Task<ChangeStatus?> GetStatus()
    {
        if (_acceptedAt is null && _grains.Count == 0)
        {
            // Unknown here: never issued, forgotten after KeptFor, or its coordinator died with a silo. In the
            // last case it settled in effect once the loss was repaired, and a client polling for it must hear so.
            if (!ChangeIds.TryIssuedAt(this.GetPrimaryKeyString(), out var issued) || time.GetUtcNow() - issued > KeptFor
                || !await RepairedSince(issued))
                return null;
            SettleByRepair(issued);
        }
        return Status();
    }

    public Task ProjectMoved(string projectId, DateOnly from, DateOnly to)
    {
        // A project can move several times under one change (its predecessors' dates arrive one by one):
        // the trace keeps where it started and where it ended.
        _moves[projectId] = _moves.TryGetValue(projectId, out var known) ? known with { To = to } : new ProjectMove { ProjectId = projectId, From = from, To = to };
        if (_moves[projectId].From == to) _moves.Remove(projectId);
        return Task.CompletedTask;
    }

    public Task AlertsLogged(AlertEntry[] entries)
    {
        // Bounded: a large import can raise thousands; the trace shows the first ones and the count says the rest.
        if (_alerts.Count < 1000) _alerts.AddRange(entries.Take(1000 - _alerts.Count));
        return Task.CompletedTask;
    }

    public Task<ChangeTrace?> GetTrace() =>
        Task.FromResult(_acceptedAt is null && _grains.Count == 0 ? null : new ChangeTrace
        {
            Status = Status(),
            Grains = [.. _grains.Order(StringComparer.Ordinal)],
            Moves = [.. _moves.Values.OrderBy(m => m.ProjectId, StringComparer.Ordinal)],
            Alerts = [.. _alerts.OrderBy(a => a.Seq)],
        });

    private ChangeStatus Status()
    {
        var settled = _settledAt is not null && _acceptedAt is not null;
        return new ChangeStatus
        {
            ChangeId = this.GetPrimaryKeyString(),
            Status = settled ? "settled" : "propagating",
            GrainsTouched = _grains.Count,
            AlertsRaised = _alertsRaised,
            AcceptedAt = _acceptedAt ?? time.GetUtcNow(),
            SettledAt = settled ? Max(_settledAt!.Value, _acceptedAt!.Value) : null,
            By = _origin?.By,
            Subjects = _origin?.Subjects ?? [],
        };
    }

    private void Mark(long messageId, int flag)
    {
        var state = _open.GetValueOrDefault(messageId) | flag;
        if (state == (Announced | Done)) _open.Remove(messageId);
        else _open[messageId] = state;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
