using Pmo.Domain.Catalog;

namespace Pmo.Grains.Alerts;

/// <summary>
/// The alert log. One global sequence: an entry's seq is its position in the whole log, which
/// strictly increases within every scope, so a client can resume any scope after a gap.
/// An updated or resolved entry keeps the scopes of the entry it follows, so that whoever saw an
/// alert raised also sees it resolved even when the projects involved have changed meanwhile.
/// Entries go to an <see cref="IAlertJournal"/> (memory or PostgreSQL) and are read back on activation.
/// </summary>
[GrainType("pmo-alert-log")]
internal sealed class AlertLogGrain(
    [PersistentState("alert-log", Hosting.PmoStorage.Name)] IPersistentState<AlertLogState> state,
    IAlertJournal journal,
    TimeProvider time) : Grain, IAlertLogGrain
{
    private readonly List<AlertEntry> _entries = [];
    private readonly Dictionary<string, AlertEntry> _open = new();
    // The open alerts of each owner, for a resync's ConfirmOpen (one owner's, not a scan of every open alert).
    private readonly Dictionary<string, HashSet<string>> _openByOwner = new(StringComparer.Ordinal);
    private Dictionary<string, string?> _parents = new();
    private PortfolioTree _tree = PortfolioTree.Empty;
    private AlertJournalQueue? _journaling;

    private AlertJournalQueue Journaling => _journaling ??= new(journal, TakeBack);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _parents = state.State.Parents;
        _tree = new PortfolioTree(_parents);
        foreach (var entry in await journal.ReadAllAsync(cancellationToken))
        {
            _entries.Add(entry);
            Track(entry);
        }
        Journaling.JournaledThrough = _entries.Count;
    }

    public async Task Append(Ripple ripple, AlertDraft[] drafts)
    {
        var raised = 0;
        var pushed = new PushedAlert[drafts.Length];
        for (var i = 0; i < drafts.Length; i++)
        {
            var draft = drafts[i];
            var t = draft.Transition;
            _open.TryGetValue(t.Id, out var previous);
            var entry = new AlertEntry
            {
                Seq = _entries.Count + 1,
                Id = t.Id,
                Kind = t.Condition.Kind.ToString(),
                Severity = t.Condition.Severity.ToString().ToLowerInvariant(),
                State = t.State.ToString().ToLowerInvariant(),
                Subject = t.Condition.Subject,
                PortfolioIds = Union(previous?.PortfolioIds, draft.PortfolioIds),
                ProjectIds = Union(previous?.ProjectIds, draft.ProjectIds),
                ResourceIds = Union(previous?.ResourceIds, draft.ResourceIds),
                Message = t.Condition.Message,
                ChangeId = ripple.ChangeId,
                At = draft.At,
            };
            _entries.Add(entry);
            Track(entry);
            if (t.State == AlertState.Raised) raised++;
            pushed[i] = new PushedAlert { Entry = entry, Scopes = ScopesOf(entry) };
        }
        await Log(ripple, pushed, raised);
    }

    public async Task ConfirmOpen(Ripple ripple, string owner, string[] openIds)
    {
        var stillOpen = openIds.ToHashSet(StringComparer.Ordinal);
        var stale = _openByOwner.TryGetValue(owner, out var ids) ? ids.Where(id => !stillOpen.Contains(id)).Order(StringComparer.Ordinal).ToList() : [];
        var pushed = new PushedAlert[stale.Count];
        for (var i = 0; i < stale.Count; i++)
        {
            var entry = _open[stale[i]] with { Seq = _entries.Count + 1, State = "resolved", ChangeId = ripple.ChangeId, At = time.GetUtcNow() };
            _entries.Add(entry);
            Track(entry);
            pushed[i] = new PushedAlert { Entry = entry, Scopes = ScopesOf(entry) };
        }
        await Log(ripple, pushed, raised: 0);
    }

    /// <summary>Journals the entries just added, then tells the clients and the change.</summary>
    private async Task Log(Ripple ripple, PushedAlert[] pushed, int raised)
    {
        if (pushed.Length == 0)
        {
            // A resync's confirmation that found nothing stale: nothing to journal or tell.
            _ = GrainFactory.GetGrain<IChangeGrain>(ripple.ChangeId).Completed(ripple.MessageId, [], "alert-log", 0, lastAlertSeq: 0);
            return;
        }
        // The log's end as this append left it; appends that interleave while it is journaled come after.
        var lastSeq = pushed[^1].Entry.Seq;
        // Journaled before anyone hears of it: a client never sees a seq the log could lose.
        // Appends interleave, so those that arrive meanwhile share the journal's next write.
        // Not journaled means not logged: the entries are taken back out (TakeBack), and the change
        // stays "propagating" (this message never reports done), which is what an operator should see.
        await Journaling.Append([.. pushed.Select(p => p.Entry)]);
        _ = Notifier.Publish(new PushBatch { Alerts = pushed });
        _ = GrainFactory.GetGrain<IChangeGrain>(ripple.ChangeId).AlertsLogged([.. pushed.Select(p => p.Entry)]);
        _ = GrainFactory.GetGrain<IChangeGrain>(ripple.ChangeId)
            .Completed(ripple.MessageId, [], "alert-log", raised, lastAlertSeq: lastSeq);
    }

    /// <summary>Removes the last <paramref name="count"/> entries (never journaled) and reopens what they closed.</summary>
    private void TakeBack(int count)
    {
        _entries.RemoveRange(_entries.Count - count, count);
        _open.Clear();
        _openByOwner.Clear();
        foreach (var e in _entries) Track(e);
    }

    private void Track(AlertEntry entry)
    {
        var owner = OwnerOf(entry);
        if (entry.State == "resolved")
        {
            _open.Remove(entry.Id);
            if (_openByOwner.TryGetValue(owner, out var ids) && ids.Remove(entry.Id) && ids.Count == 0) _openByOwner.Remove(owner);
        }
        else
        {
            _open[entry.Id] = entry;
            if (!_openByOwner.TryGetValue(owner, out var ids)) _openByOwner[owner] = ids = new(StringComparer.Ordinal);
            ids.Add(entry.Id);
        }
    }

    /// <summary>An alert id is "{owner}:{kind}:{subject}:{n}" (AlertBook); the owner is what comes before its kind and subject.</summary>
    internal static string OwnerOf(AlertEntry entry)
    {
        var at = entry.Id.LastIndexOf($":{entry.Kind}:{entry.Subject}:", StringComparison.Ordinal);
        return at > 0 ? entry.Id[..at] : entry.Id;
    }

    public async Task SetPortfolioTree(Dictionary<string, string?> parents)
    {
        _parents = parents;
        _tree = new PortfolioTree(parents);
        state.State.Parents = parents;
        await state.WriteStateAsync();
        _ = Notifier.Publish(new PushBatch { PortfolioTree = parents });
    }

    public Task<Dictionary<string, string?>> GetPortfolioTree() => Task.FromResult(_parents);

    private IPushNotifierGrain Notifier => GrainFactory.GetGrain<IPushNotifierGrain>(0);

    /// <summary>Every scope an entry belongs to, resolved now so that hosts need not know the tree.</summary>
    private string[] ScopesOf(AlertEntry entry) =>
    [
        "all",
        .. entry.ProjectIds.Select(p => $"project:{p}"),
        .. entry.ResourceIds.Select(r => $"resource:{r}"),
        .. entry.PortfolioIds.SelectMany(Lineage).Distinct().Select(p => $"portfolio:{p}"),
    ];

    public Task<AlertPage> Query(string scope, long after, int limit) => Task.FromResult(Page(scope, after, limit, _ => true));

    public Task<AlertPage> QueryVisible(string scope, long after, int limit, string[] grantedPortfolios)
    {
        var granted = grantedPortfolios.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(Page(scope, after, limit, e => e.PortfolioIds.Any(p => Lineage(p).Any(granted.Contains))));
    }

    private AlertPage Page(string scope, long after, int limit, Func<AlertEntry, bool> visible)
    {
        if (!AlertScope.TryParse(scope, out var parsed)) throw new ArgumentException($"Unknown scope '{scope}'.", nameof(scope));
        // Appends interleave with this read while they wait for their journal write: a page ends at the
        // journaled end, so no client sees a seq the log could still take back.
        var end = (int)Math.Min(Journaling.JournaledThrough, _entries.Count);
        var items = new List<AlertEntry>();
        for (var i = (int)Math.Clamp(after, 0, end); i < end && items.Count < limit; i++)
            if (parsed.Covers(_entries[i], Lineage) && visible(_entries[i])) items.Add(_entries[i]);
        var lastSeq = 0L;
        for (var i = end - 1; i >= 0; i--)
            if (parsed.Covers(_entries[i], Lineage) && visible(_entries[i])) { lastSeq = _entries[i].Seq; break; }
        return new AlertPage { Items = [.. items], LastSeq = lastSeq };
    }

    public Task<int> OpenCount(string scope)
    {
        if (!AlertScope.TryParse(scope, out var parsed)) throw new ArgumentException($"Unknown scope '{scope}'.", nameof(scope));
        return Task.FromResult(_open.Values.Count(e => parsed.Covers(e, Lineage)));
    }

    public Task<Dictionary<string, int>> OpenCountsByPortfolio()
    {
        // An alert counts once in each portfolio on a lineage of one of its portfolios: the same as
        // OpenCount($"portfolio:{id}") for every id, in one pass instead of one scan per portfolio
        // (at 1,000 portfolios and tens of thousands of open alerts, those scans took minutes).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var covering = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _open.Values)
        {
            covering.Clear();
            foreach (var portfolio in entry.PortfolioIds)
                foreach (var id in _tree.Lineage(portfolio))
                    if (covering.Add(id)) counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        return Task.FromResult(counts);
    }

    private IEnumerable<string> Lineage(string portfolioId) => _tree.Lineage(portfolioId);

    private static string[] Union(string[]? before, string[] now) =>
        before is null ? now : [.. before.Union(now).Order(StringComparer.Ordinal)];
}
