using Pmo.Domain.Catalog;

namespace Pmo.Grains.Alerts;

/// <summary>
/// The alert log. One global sequence: an entry's seq is its position in the whole log, which
/// strictly increases within every scope, so a client can resume any scope after a gap.
/// What an owner's word becomes in the log, in whatever order it arrives, is the <see cref="AlertLedger"/>'s
/// to decide. Entries go to an <see cref="IAlertJournal"/> (memory or PostgreSQL) and are read back on activation.
/// </summary>
[GrainType("pmo-alert-log")]
internal sealed class AlertLogGrain(
    [PersistentState("alert-log", Hosting.PmoStorage.Name)] IPersistentState<AlertLogState> state,
    IAlertJournal journal,
    TimeProvider time) : Grain, IAlertLogGrain
{
    private readonly AlertLedger _ledger = new();
    private Dictionary<string, string?> _parents = new();
    private PortfolioTree _tree = PortfolioTree.Empty;
    private AlertJournalQueue? _journaling;

    private AlertJournalQueue Journaling => _journaling ??= new(journal, _ledger.TakeBack);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _parents = state.State.Parents;
        _tree = new PortfolioTree(_parents);
        _ledger.Restore(await journal.ReadAllAsync(cancellationToken));
        Journaling.JournaledThrough = _ledger.Entries.Count;
    }

    public Task Append(Ripple ripple, AlertDraft[] drafts) => Log(ripple, _ledger.Append(ripple.ChangeId, drafts));

    public Task ConfirmOpen(Ripple ripple, string owner, long revision, AlertDraft[] open) =>
        Log(ripple, _ledger.Confirm(ripple.ChangeId, owner, revision, open, time.GetUtcNow()));

    /// <summary>Journals the entries just added, then tells the clients and the change.</summary>
    private async Task Log(Ripple ripple, IReadOnlyList<AlertEntry> added)
    {
        if (added.Count == 0)
        {
            // Nothing the log did not already say (most resync confirmations): nothing to journal or tell.
            _ = GrainFactory.GetGrain<IChangeGrain>(ripple.ChangeId).Completed(ripple.MessageId, [], "alert-log", 0, lastAlertSeq: 0);
            return;
        }
        // The log's end as this append left it; appends that interleave while it is journaled come after.
        var lastSeq = added[^1].Seq;
        // Journaled before anyone hears of it: a client never sees a seq the log could lose.
        // Appends interleave, so those that arrive meanwhile share the journal's next write.
        // Not journaled means not logged: the entries are taken back out (TakeBack), and the change
        // stays "propagating" (this message never reports done), which is what an operator should see.
        await Journaling.Append(added);
        _ = Notifier.Publish(new PushBatch { Alerts = [.. added.Select(e => new PushedAlert { Entry = e, Scopes = ScopesOf(e) })] });
        _ = GrainFactory.GetGrain<IChangeGrain>(ripple.ChangeId).AlertsLogged([.. added]);
        var raised = added.Count(e => e.State == "raised");
        _ = GrainFactory.GetGrain<IChangeGrain>(ripple.ChangeId)
            .Completed(ripple.MessageId, [], "alert-log", raised, lastAlertSeq: lastSeq);
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
        var entries = _ledger.Entries;
        var end = (int)Math.Min(Journaling.JournaledThrough, entries.Count);
        var items = new List<AlertEntry>();
        for (var i = (int)Math.Clamp(after, 0, end); i < end && items.Count < limit; i++)
            if (parsed.Covers(entries[i], Lineage) && visible(entries[i])) items.Add(entries[i]);
        var lastSeq = 0L;
        for (var i = end - 1; i >= 0; i--)
            if (parsed.Covers(entries[i], Lineage) && visible(entries[i])) { lastSeq = entries[i].Seq; break; }
        return new AlertPage { Items = [.. items], LastSeq = lastSeq };
    }

    public Task<int> OpenCount(string scope)
    {
        if (!AlertScope.TryParse(scope, out var parsed)) throw new ArgumentException($"Unknown scope '{scope}'.", nameof(scope));
        return Task.FromResult(_ledger.Open.Count(e => parsed.Covers(e, Lineage)));
    }

    public Task<Dictionary<string, int>> OpenCountsByPortfolio()
    {
        // An alert counts once in each portfolio on a lineage of one of its portfolios: the same as
        // OpenCount($"portfolio:{id}") for every id, in one pass instead of one scan per portfolio
        // (at 1,000 portfolios and tens of thousands of open alerts, those scans took minutes).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var covering = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _ledger.Open)
        {
            covering.Clear();
            foreach (var portfolio in entry.PortfolioIds)
                foreach (var id in _tree.Lineage(portfolio))
                    if (covering.Add(id)) counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        return Task.FromResult(counts);
    }

    private IEnumerable<string> Lineage(string portfolioId) => _tree.Lineage(portfolioId);
}
