namespace Pmo.Grains.Changes;

/// <summary>
/// Settlement of one change by message accounting (see <see cref="IChangeGrain"/>).
/// <c>_open</c> maps a message id to how far it is known: announced by its sender (+1), reported
/// done by its handler (+2). An entry at 3 is finished and dropped, so the map holds only the
/// frontier; the change has settled once the root is done and the map is empty.
/// Kept in memory only: a change is a short-lived observation, not enterprise state.
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

    public Task Accept(DateTimeOffset acceptedAt)
    {
        _acceptedAt = acceptedAt;
        return Task.CompletedTask;
    }

    public Task Completed(long messageId, long[] sent, string grain, int alertsRaised)
    {
        Mark(messageId, Done);
        foreach (var child in sent) Mark(child, Announced);
        _grains.Add(grain);
        _alertsRaised += alertsRaised;
        if (_open.Count == 0 && _settledAt is null)
        {
            _settledAt = time.GetUtcNow();
            // A settled change is only read back a few times; let it go soon.
            DelayDeactivation(TimeSpan.FromMinutes(10));
        }
        return Task.CompletedTask;
    }

    public Task<ChangeStatus?> GetStatus()
    {
        if (_acceptedAt is null && _grains.Count == 0) return Task.FromResult<ChangeStatus?>(null);
        var settled = _settledAt is not null && _acceptedAt is not null;
        return Task.FromResult<ChangeStatus?>(new ChangeStatus
        {
            ChangeId = this.GetPrimaryKeyString(),
            Status = settled ? "settled" : "propagating",
            GrainsTouched = _grains.Count,
            AlertsRaised = _alertsRaised,
            AcceptedAt = _acceptedAt ?? time.GetUtcNow(),
            SettledAt = settled ? Max(_settledAt!.Value, _acceptedAt!.Value) : null,
        });
    }

    private void Mark(long messageId, int flag)
    {
        var state = _open.GetValueOrDefault(messageId) | flag;
        if (state == (Announced | Done)) _open.Remove(messageId);
        else _open[messageId] = state;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
