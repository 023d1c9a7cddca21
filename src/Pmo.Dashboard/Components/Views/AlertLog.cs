using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Components.Views;

/// <summary>
/// The entries the alert feed holds, keyed by seq: merging a log page and live pushes never shows an
/// entry twice, and the newest <see cref="Capacity"/> are kept. Pure, so it is tested without rendering.
/// </summary>
public sealed class AlertLog
{
    public const int Capacity = 2000;

    private readonly SortedDictionary<long, AlertItem> _entries = new();
    private readonly Dictionary<string, string> _latestState = new(StringComparer.Ordinal);

    /// <summary>The highest seq held (what a replay resumes after).</summary>
    public long LastSeq { get; private set; }

    public int Count => _entries.Count;

    public void Add(IEnumerable<AlertItem> items)
    {
        foreach (var item in items)
        {
            if (!_entries.TryAdd(item.Seq, item)) continue;
            if (item.Seq > LastSeq) LastSeq = item.Seq;
        }
        while (_entries.Count > Capacity) _entries.Remove(_entries.Keys.First());
        _latestState.Clear();
        foreach (var entry in _entries.Values) _latestState[entry.Id] = entry.State;
    }

    /// <summary>True when the alert this entry belongs to has since been resolved (or this entry resolves it).</summary>
    public bool IsResolved(AlertItem item) => _latestState.GetValueOrDefault(item.Id) == "resolved";

    /// <summary>Newest first, filtered by kind and severity (empty means any).</summary>
    public List<AlertItem> Newest(string? kind, string? severity) =>
        [.. _entries.Values.Reverse()
            .Where(a => string.IsNullOrEmpty(kind) || a.Kind == kind)
            .Where(a => string.IsNullOrEmpty(severity) || a.Severity == severity)];
}
