namespace Pmo.Domain.Catalog;

/// <summary>
/// The portfolio tree as child → parent, and the two questions everything above the catalog asks of it:
/// a portfolio's lineage (itself and every ancestor) and the subtree below a set of portfolios. The alert
/// log, the push router and the access rules all read the tree through this one model.
/// </summary>
public sealed class PortfolioTree(IReadOnlyDictionary<string, string?> parents)
{
    public static readonly PortfolioTree Empty = new(new Dictionary<string, string?>());

    public IReadOnlyDictionary<string, string?> Parents { get; } = parents;

    public bool Contains(string id) => Parents.ContainsKey(id);

    /// <summary>The portfolio and its ancestors, nearest first; bounded so that a ring (refused upstream) cannot loop.</summary>
    public IEnumerable<string> Lineage(string portfolioId)
    {
        var current = portfolioId;
        for (var depth = 0; current is not null && depth <= Parents.Count; depth++)
        {
            yield return current;
            current = Parents.GetValueOrDefault(current);
        }
    }

    /// <summary>Every stored portfolio at or below one of <paramref name="roots"/>.</summary>
    public HashSet<string> Subtree(IEnumerable<string> roots)
    {
        var wanted = roots.ToHashSet(StringComparer.Ordinal);
        var below = new HashSet<string>(StringComparer.Ordinal);
        if (wanted.Count == 0) return below;
        foreach (var id in Parents.Keys)
            if (Lineage(id).Any(wanted.Contains)) below.Add(id);
        return below;
    }
}
