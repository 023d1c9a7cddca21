using Pmo.Contracts;
using Pmo.Domain.Catalog;

namespace Pmo.Host.Access;

/// <summary>
/// What one caller may see, resolved against the portfolio tree as it stood when it was read: every
/// portfolio at or below a granted one, and the projects in those. <c>pmo</c> sees everything without
/// the tree being read at all.
/// </summary>
public sealed class AccessScope
{
    private readonly HashSet<string> _portfolios;
    private readonly IReadOnlyDictionary<string, string> _projectPortfolios;

    private AccessScope(Caller caller, bool everything, HashSet<string> portfolios, IReadOnlyDictionary<string, string> projectPortfolios, PortfolioTree tree)
    {
        Caller = caller;
        Tree = tree;
        Everything = everything;
        _portfolios = portfolios;
        _projectPortfolios = projectPortfolios;
    }

    public Caller Caller { get; }

    /// <summary>The portfolio tree the scope was resolved against (empty for pmo, whose scope reads nothing).</summary>
    public PortfolioTree Tree { get; }

    /// <summary>True for <c>pmo</c>: nothing is filtered.</summary>
    public bool Everything { get; }

    /// <summary>The portfolios the caller may see (empty when <see cref="Everything"/>: ask <see cref="SeesPortfolio"/>).</summary>
    public IReadOnlySet<string> Portfolios => _portfolios;

    public static AccessScope Unlimited(Caller caller) => new(caller, true, [], new Dictionary<string, string>(), PortfolioTree.Empty);

    public static AccessScope Of(Caller caller, Placement placement)
    {
        if (caller.IsPmo) return Unlimited(caller);
        var tree = new PortfolioTree(placement.Parents);
        var visible = caller.MayRead ? tree.Subtree(caller.Portfolios) : [];
        return new AccessScope(caller, false, visible, placement.ProjectPortfolios, tree);
    }

    public bool SeesPortfolio(string? id) => id is not null && (Everything || _portfolios.Contains(id));

    /// <summary>Only projects named when the scope was resolved are known to a scope other than pmo's.</summary>
    public bool SeesProject(string? id) =>
        id is not null && (Everything || (_projectPortfolios.TryGetValue(id, out var portfolio) && _portfolios.Contains(portfolio)));

    /// <summary>
    /// An alert as this caller receives it: null when none of its portfolios is visible, otherwise with the
    /// portfolio and project ids outside the scope left out. Resources are enterprise-wide (everyone signed in
    /// reads a resource's load), so resource ids stay.
    /// </summary>
    public AlertEntry? Redact(AlertEntry entry)
    {
        if (Everything) return entry;
        if (!entry.PortfolioIds.Any(_portfolios.Contains)) return null;
        var portfolios = entry.PortfolioIds.Where(_portfolios.Contains).ToArray();
        var projects = entry.ProjectIds.Where(SeesProject).ToArray();
        return portfolios.Length == entry.PortfolioIds.Length && projects.Length == entry.ProjectIds.Length
            ? entry
            : entry with { PortfolioIds = portfolios, ProjectIds = projects };
    }
}
