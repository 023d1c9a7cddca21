using Pmo.Contracts;

namespace Pmo.Host.Push;

/// <summary>
/// What one SignalR connection is owed. Producers (the router) only add under the feed's lock;
/// one pump per connection drains it on a short interval, so a slow client slows only itself.
/// When more than <see cref="PushOptions.MaxPendingPerClient"/> items wait, the pending alerts are
/// dropped and the client is told to resync each scope from the last seq it was actually sent.
/// </summary>
internal sealed class ClientFeed(string connectionId)
{
    public readonly object Gate = new();
    public string ConnectionId { get; } = connectionId;

    /// <summary>Set for an in-process subscriber (a dashboard circuit); null for a SignalR connection.</summary>
    public IPushSink? Sink { get; init; }

    /// <summary>The caller, when it is not pmo: what it receives is limited to its scope. Null: everything.</summary>
    public System.Security.Claims.ClaimsPrincipal? LimitedTo { get; init; }

    /// <summary>The portfolios granted to <see cref="LimitedTo"/> (each with its subtree).</summary>
    public HashSet<string>? Grants { get; init; }

    /// <summary>Scopes receiving live pushes.</summary>
    public HashSet<string> Scopes { get; } = [];

    /// <summary>Scopes replaying the log; live alerts for them wait here until the replay is done.</summary>
    public Dictionary<string, List<AlertEntry>> CatchingUp { get; } = [];

    /// <summary>Last alert seq sent to the client, per scope (what a resync resumes from).</summary>
    public Dictionary<string, long> SentSeq { get; } = [];

    public List<AlertEntry> PendingAlerts { get; } = [];
    public Dictionary<(string Kind, string Id), PushedSummary> PendingSummaries { get; } = [];
    public List<ChangeStatus> PendingSettlements { get; } = [];
    public Dictionary<string, long> PendingResync { get; } = [];

    /// <summary>Alert seqs already queued, so an alert in two subscribed scopes goes out once.</summary>
    public HashSet<long> Queued { get; } = [];

    /// <summary>Changes this client has heard of, so their changeSettled reaches it.</summary>
    public HashSet<string> SeenChanges { get; } = [];

    public SemaphoreSlim Signal { get; } = new(0);
    public CancellationTokenSource Stop { get; } = new();

    public int PendingCount => PendingAlerts.Count + PendingSummaries.Count + PendingSettlements.Count;

    /// <summary>Per scope, the highest seq a replay already covered: live entries at or below it are not sent.</summary>
    public Dictionary<string, long> Floor { get; } = [];

    public bool WantsScope(IEnumerable<string> scopes) => scopes.Any(Scopes.Contains);

    public bool WantsAlert(PushedAlert alert) =>
        alert.Scopes.Any(s => Scopes.Contains(s) && alert.Entry.Seq > Floor.GetValueOrDefault(s));

    public void Wake()
    {
        if (Signal.CurrentCount == 0) Signal.Release();
    }

    public void NoteChange(string changeId)
    {
        // Bounded: a client that has been connected for days must not hold every change id it ever saw.
        if (SeenChanges.Count > 10_000) SeenChanges.Clear();
        SeenChanges.Add(changeId);
    }
}
