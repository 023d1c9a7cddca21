using System.Collections.Concurrent;
using Pmo.Contracts;
using Pmo.Domain.Catalog;

namespace Pmo.Host.Push;

/// <summary>
/// This host's side of live push. Receives every batch the cluster publishes, puts alerts back in
/// global seq order (batches travel through several notifier activations, so they can overtake each
/// other; a gap that does not fill within <see cref="PushOptions.GapTimeout"/> is read from the log),
/// and queues each item for the connections whose scopes it belongs to. A settlement waits until every
/// alert of its change has been dispatched, so changeSettled never overtakes the change's alerts.
/// Lock order: <c>_gate</c>, then a feed's gate.
/// </summary>
public sealed partial class PushRouter(
    IGrainFactory grains, PushOptions options, Api.CommandAdmission admission, Access.PortfolioAccess access, TimeProvider time, ILogger<PushRouter> logger)
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, ClientFeed> _feeds = new();
    private readonly SortedDictionary<long, PushedAlert> _early = new();
    private readonly List<PushedSettlement> _heldSettlements = [];
    private PortfolioTree _tree = PortfolioTree.Empty;
    private long _dispatched = -1;
    private DateTime _waitingSince = DateTime.MaxValue;
    private DateTime _tailCheckedAt = DateTime.MinValue;

    // Through TimeProvider, so that the gap wait and the tail check are tested on a fake clock.
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The portfolio tree as this host last heard it (scopes are judged against it).</summary>
    public PortfolioTree Tree
    {
        get
        {
            lock (_gate) return _tree;
        }
    }

    /// <summary>True once this host receives pushes and knows where the log stands.</summary>
    public bool Started { get; private set; }

    private IAlertLogGrain Log => grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key);

    /// <summary>Starts dispatching after what the log already holds; older entries are for replay only.</summary>
    public async Task StartAsync()
    {
        var tail = await Log.Query("all", long.MaxValue, 1);
        var tree = await Log.GetPortfolioTree();
        lock (_gate)
        {
            _tree = new PortfolioTree(tree);
            _dispatched = tail.LastSeq;
            foreach (var seq in _early.Keys.Where(s => s <= _dispatched).ToList()) _early.Remove(seq);
            DrainLocked();
            Started = true;
        }
    }

    public void Receive(PushBatch batch)
    {
        lock (_gate)
        {
            if (batch.PortfolioTree is not null) _tree = new PortfolioTree(batch.PortfolioTree);
            foreach (var alert in batch.Alerts)
                if (alert.Entry.Seq > _dispatched) _early[alert.Entry.Seq] = alert;
            foreach (var summary in batch.Summaries) DispatchSummary(summary);
            _heldSettlements.AddRange(batch.Settlements);
            DrainLocked();
        }
        foreach (var settlement in batch.Settlements) admission.Settled(settlement.Status.ChangeId);
    }

    /// <summary>Fills a gap in the alert sequence from the log when pushes went missing or are late.</summary>
    public async Task RepairGapsAsync()
    {
        long from;
        bool stuck;
        lock (_gate)
        {
            stuck = (_early.Count > 0 || _heldSettlements.Count > 0) && Now - _waitingSince > options.GapTimeout;
            from = _dispatched;
        }
        if (from < 0) return;
        // A push can also go missing with nothing after it to reveal the gap (a host that joined
        // while the notifier still had the old host list): compare with the log's tail now and then.
        if (!stuck && Now - _tailCheckedAt > options.TailCheckInterval)
        {
            _tailCheckedAt = Now;
            stuck = (await Log.Query("all", long.MaxValue, 1)).LastSeq > from;
        }
        if (!stuck) return;
        var page = await Log.Query("all", from, 1000);
        var tree = await Log.GetPortfolioTree();
        lock (_gate)
        {
            _tree = new PortfolioTree(tree);
            foreach (var entry in page.Items)
                if (entry.Seq > _dispatched && !_early.ContainsKey(entry.Seq))
                    _early[entry.Seq] = new PushedAlert { Entry = entry, Scopes = ScopesOfEntry(entry) };
            DrainLocked();
            // The log holds nothing more: settlements still waiting name alerts it no longer has
            // (a log that restarted empty). Better late and alone than never.
            if (page.Items.Length == 0)
            {
                foreach (var held in _heldSettlements) DispatchSettlement(held.Status);
                _heldSettlements.Clear();
                DrainLocked();
            }
        }
        logger.LogDebug("Read {Count} alerts from the log to close a gap after seq {From}", page.Items.Length, from);
    }

    private void DrainLocked()
    {
        if (_dispatched < 0) return;
        while (_early.Count > 0)
        {
            var (seq, alert) = _early.First();
            if (seq <= _dispatched) { _early.Remove(seq); continue; }
            if (seq != _dispatched + 1) break;
            _early.Remove(seq);
            _dispatched = seq;
            DispatchAlert(alert);
        }
        for (var i = _heldSettlements.Count - 1; i >= 0; i--)
        {
            if (_heldSettlements[i].LastAlertSeq > _dispatched) continue;
            DispatchSettlement(_heldSettlements[i].Status);
            _heldSettlements.RemoveAt(i);
        }
        _waitingSince = _early.Count > 0 || _heldSettlements.Count > 0
            ? (_waitingSince == DateTime.MaxValue ? Now : _waitingSince)
            : DateTime.MaxValue;
    }

    private void DispatchAlert(PushedAlert alert)
    {
        foreach (var feed in _feeds.Values)
        {
            lock (feed.Gate)
            {
                foreach (var scope in alert.Scopes)
                    if (feed.CatchingUp.TryGetValue(scope, out var buffer)) buffer.Add(alert.Entry);
                if (feed.WantsAlert(alert)) Enqueue(feed, alert.Entry);
            }
        }
    }

    private void DispatchSummary(PushedSummary summary)
    {
        var scopes = ScopesOfSummary(summary);
        foreach (var feed in _feeds.Values)
        {
            lock (feed.Gate)
            {
                if (!feed.WantsScope(scopes) || !SeesSummaryLocked(feed, summary)) continue;
                var key = (summary.Kind, summary.Id);
                if (feed.PendingSummaries.TryGetValue(key, out var queued) && queued.Version >= summary.Version) continue;
                feed.PendingSummaries[key] = summary;
                feed.NoteChange(summary.ChangeId);
                Overflowed(feed);
                feed.Wake();
            }
        }
    }

    private void DispatchSettlement(ChangeStatus status)
    {
        foreach (var feed in _feeds.Values)
        {
            lock (feed.Gate)
            {
                if (!(feed.Grants is null && feed.Scopes.Contains("all")) && !feed.SeenChanges.Contains(status.ChangeId)) continue;
                feed.PendingSettlements.Add(status);
                Overflowed(feed);
                feed.Wake();
            }
        }
    }

    /// <summary>Queues an alert for a feed (caller holds the feed's gate).</summary>
    private void Enqueue(ClientFeed feed, AlertEntry entry)
    {
        // A caller other than pmo hears only of alerts with a portfolio in its scope (the pump leaves outside ids out).
        if (feed.Grants is { } grants && !entry.PortfolioIds.Any(p => _tree.Lineage(p).Any(grants.Contains))) return;
        if (!feed.Queued.Add(entry.Seq)) return;
        if (feed.Queued.Count > 100_000) feed.Queued.RemoveWhere(s => s < entry.Seq - 50_000);
        feed.PendingAlerts.Add(entry);
        feed.NoteChange(entry.ChangeId);
        Overflowed(feed);
        feed.Wake();
    }

    /// <summary>
    /// A client that owes too much is told to resync rather than holding memory without bound:
    /// its pending alerts are dropped and it reads them from the log after the seq it last received.
    /// </summary>
    private void Overflowed(ClientFeed feed)
    {
        if (feed.PendingCount <= options.MaxPendingPerClient) return;
        foreach (var scope in feed.Scopes) feed.PendingResync[scope] = feed.SentSeq.GetValueOrDefault(scope);
        foreach (var entry in feed.PendingAlerts) feed.Queued.Remove(entry.Seq);
        feed.PendingAlerts.Clear();
        if (feed.PendingSummaries.Count > options.MaxPendingPerClient) feed.PendingSummaries.Clear();
        if (feed.PendingSettlements.Count > options.MaxPendingPerClient) feed.PendingSettlements.RemoveRange(0, feed.PendingSettlements.Count / 2);
    }

    private string[] ScopesOfSummary(PushedSummary summary)
    {
        var scopes = new List<string> { "all", $"{summary.Kind}:{summary.Id}" };
        if (summary.Kind == "portfolio") scopes.AddRange(LineageLocked(summary.Id).Skip(1).Select(p => $"portfolio:{p}"));
        if (summary.PortfolioId is { } portfolio) scopes.AddRange(LineageLocked(portfolio).Select(p => $"portfolio:{p}"));
        return [.. scopes.Distinct()];
    }

    private string[] ScopesOfEntry(AlertEntry entry) =>
    [
        "all",
        .. entry.ProjectIds.Select(p => $"project:{p}"),
        .. entry.ResourceIds.Select(r => $"resource:{r}"),
        .. entry.PortfolioIds.SelectMany(LineageLocked).Distinct().Select(p => $"portfolio:{p}"),
    ];

    private IEnumerable<string> LineageLocked(string portfolioId) => _tree.Lineage(portfolioId);

    /// <summary>A summary reaches a caller other than pmo only when its portfolio is in their scope (resources are enterprise-wide).</summary>
    private bool SeesSummaryLocked(ClientFeed feed, PushedSummary summary)
    {
        if (feed.Grants is not { } grants) return true;
        var portfolio = summary.Kind == "portfolio" ? summary.Id : summary.PortfolioId;
        return summary.Kind == "resource" || (portfolio is not null && LineageLocked(portfolio).Any(grants.Contains));
    }
}
