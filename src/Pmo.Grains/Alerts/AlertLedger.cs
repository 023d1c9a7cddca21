namespace Pmo.Grains.Alerts;

/// <summary>
/// The alert log's entries and what they leave open: the part of <see cref="AlertLogGrain"/> that decides
/// what an owner's word becomes in the log. Kept apart from the grain so those rules can be tested in
/// every order messages may arrive in.
/// </summary>
/// <remarks>
/// An owner's messages to the log can arrive in another order than they were sent: a resync's
/// confirmation is sent at once while transitions wait for their owner's write, and messages in flight
/// when a silo dies are re-addressed. So every word about an alert (a transition, or a confirmation that
/// it is open or not) carries the owner's revision, and the log takes a word only if it is not older
/// than the last one it took for that alert. What a word changes follows from what the log holds: a word
/// that the alert is open raises it if the log does not hold it open and updates it if its severity or
/// message differ; a word that it is resolved resolves it. The same word twice changes nothing, so the
/// log ends the same whatever the order.
/// Not thread-safe: the grain calls it in its turns.
/// </remarks>
internal sealed class AlertLedger
{
    private readonly List<AlertEntry> _entries = [];
    private readonly Dictionary<string, AlertEntry> _open = new(StringComparer.Ordinal);
    // The open alerts of each owner, for a resync's confirmation (one owner's, not a scan of every open alert).
    private readonly Dictionary<string, HashSet<string>> _openByOwner = new(StringComparer.Ordinal);
    // The revision of the last word taken for each alert id ever heard of.
    private readonly Dictionary<string, long> _heard = new(StringComparer.Ordinal);

    /// <summary>Every entry in seq order (an entry's seq is its position, from 1).</summary>
    public IReadOnlyList<AlertEntry> Entries => _entries;

    /// <summary>The latest entry of every alert that is open.</summary>
    public IReadOnlyCollection<AlertEntry> Open => _open.Values;

    /// <summary>
    /// Takes back entries read from the journal, in seq order. Revisions are not journaled: a resolved alert
    /// stays resolved, and the next word about an open one is taken whatever its revision.
    /// </summary>
    public void Restore(IEnumerable<AlertEntry> journaled)
    {
        foreach (var entry in journaled)
        {
            Add(entry);
            _heard[entry.Id] = entry.State == "resolved" ? long.MaxValue : 0;
        }
    }

    /// <summary>Logs an owner's transitions; returns the entries added (none for what the log already says).</summary>
    public IReadOnlyList<AlertEntry> Append(string changeId, IEnumerable<AlertDraft> drafts)
    {
        var added = new List<AlertEntry>();
        foreach (var draft in drafts)
        {
            var t = draft.Transition;
            if (Take(t.Id, draft.Revision, t.State == AlertState.Resolved ? null : t.Condition) is { } logged)
                added.Add(Add(changeId, draft, logged));
        }
        return added;
    }

    /// <summary>
    /// A resync's confirmation: <paramref name="open"/> is every alert <paramref name="owner"/> holds open at
    /// <paramref name="revision"/>, each as its raise with the condition the owner last reported. The owner's
    /// other alerts open here are resolved; the ones it names are raised or updated where the log differs.
    /// </summary>
    public IReadOnlyList<AlertEntry> Confirm(string changeId, string owner, long revision, IReadOnlyList<AlertDraft> open, DateTimeOffset now)
    {
        var added = new List<AlertEntry>();
        var held = open.Select(d => d.Transition.Id).ToHashSet(StringComparer.Ordinal);
        if (_openByOwner.TryGetValue(owner, out var ids))
            foreach (var id in ids.Where(id => !held.Contains(id)).Order(StringComparer.Ordinal).ToList())
                if (Take(id, revision, openWith: null) is not null)
                    added.Add(Add(_open[id] with { Seq = _entries.Count + 1, State = "resolved", ChangeId = changeId, At = now }));
        foreach (var draft in open)
        {
            // An owner confirms only its own alerts.
            if (!draft.Transition.Id.StartsWith(owner + ":", StringComparison.Ordinal)) continue;
            if (Take(draft.Transition.Id, revision, draft.Transition.Condition) is { } logged)
                added.Add(Add(changeId, draft, logged));
        }
        return added;
    }

    /// <summary>Removes the last <paramref name="count"/> entries (never journaled) and reopens what they closed.</summary>
    /// <remarks>The revisions heard stay: the owner's next word about those alerts is at least as new.</remarks>
    public void TakeBack(int count)
    {
        var kept = _entries.GetRange(0, _entries.Count - count);
        _entries.Clear();
        _open.Clear();
        _openByOwner.Clear();
        foreach (var entry in kept) Add(entry);
    }

    /// <summary>
    /// Takes a word about alert <paramref name="id"/> at <paramref name="revision"/>: that it is open with
    /// <paramref name="openWith"/>, or resolved (null). Returns what it adds to the log, or null when it adds
    /// nothing: older than the last word taken, or what the log already says.
    /// </summary>
    private AlertState? Take(string id, long revision, AlertCondition? openWith)
    {
        var heardBefore = _heard.TryGetValue(id, out var last);
        if (heardBefore && revision < last) return null;
        _heard[id] = revision;
        var isOpen = _open.TryGetValue(id, out var open);
        if (openWith is null) return isOpen || !heardBefore ? AlertState.Resolved : null;
        // Not open: never heard of (its raise was lost, or is still on its way), or resolved by an older word.
        if (!isOpen) return AlertState.Raised;
        return open!.Severity == SeverityName(openWith.Severity) && open.Message == openWith.Message ? null : AlertState.Updated;
    }

    /// <summary>An updated or resolved entry keeps the scopes of the entry it follows, so that whoever saw an
    /// alert raised also sees it resolved even when the projects involved have changed meanwhile.</summary>
    private AlertEntry Add(string changeId, AlertDraft draft, AlertState logged)
    {
        var t = draft.Transition;
        _open.TryGetValue(t.Id, out var previous);
        return Add(new AlertEntry
        {
            Seq = _entries.Count + 1,
            Id = t.Id,
            Kind = t.Condition.Kind.ToString(),
            Severity = SeverityName(t.Condition.Severity),
            State = logged.ToString().ToLowerInvariant(),
            Subject = t.Condition.Subject,
            PortfolioIds = Union(previous?.PortfolioIds, draft.PortfolioIds),
            ProjectIds = Union(previous?.ProjectIds, draft.ProjectIds),
            ResourceIds = Union(previous?.ResourceIds, draft.ResourceIds),
            Message = t.Condition.Message,
            ChangeId = changeId,
            At = draft.At,
        });
    }

    private AlertEntry Add(AlertEntry entry)
    {
        _entries.Add(entry);
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
        return entry;
    }

    /// <summary>An alert id is "{owner}:{kind}:{subject}:{n}" (AlertBook); the owner is what comes before its kind and subject.</summary>
    internal static string OwnerOf(AlertEntry entry)
    {
        var at = entry.Id.LastIndexOf($":{entry.Kind}:{entry.Subject}:", StringComparison.Ordinal);
        return at > 0 ? entry.Id[..at] : entry.Id;
    }

    private static string SeverityName(AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    private static string[] Union(string[]? before, string[] now) =>
        before is null ? now : [.. before.Union(now).Order(StringComparer.Ordinal)];
}
