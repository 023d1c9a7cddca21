namespace Pmo.Contracts;

/// <summary>
/// The alert log (key <see cref="Key"/>): gives every alert state change one global sequence
/// number, which strictly increases within every scope as CONTRACT.md requires, and answers
/// scope queries. It knows the portfolio tree so that a portfolio scope covers sub-portfolios.
/// </summary>
[Alias("pmo.alert-log")]
public interface IAlertLogGrain : IGrainWithStringKey
{
    const string Key = "all";

    /// <remarks>Interleaves with other appends so that they share journal writes (the log's group commit);
    /// a read that comes while an append waits for its write ends at the journaled end, so it never shows
    /// an entry that is not journaled yet.</remarks>
    [OneWay, AlwaysInterleave, Alias("append")]
    Task Append(Ripple ripple, [Immutable] AlertDraft[] drafts);

    /// <summary>
    /// A resync's word from one alert owner (a project, portfolio or resource grain, as its alert ids begin):
    /// the alerts it holds open as of its <paramref name="revision"/>, each as the raise that opened it with the
    /// condition it last reported. What was lost between the owner's stored state and the log (with a silo, or
    /// a journal write that failed) is made good: an alert of that owner the log holds open and the owner does
    /// not is resolved; one the log does not hold open is raised; one whose severity or message the log has
    /// older is updated. Nothing the log heard at a later revision is undone.
    /// </summary>
    [OneWay, AlwaysInterleave, Alias("confirm-open")]
    Task ConfirmOpen(Ripple ripple, string owner, long revision, [Immutable] AlertDraft[] open);

    /// <summary>Portfolio id → parent id, for scope membership.</summary>
    [Alias("tree")] Task SetPortfolioTree([Immutable] Dictionary<string, string?> parents);

    [Alias("get-tree")] Task<Dictionary<string, string?>> GetPortfolioTree();

    [Alias("query")] Task<AlertPage> Query(string scope, long after, int limit);

    /// <summary>As <see cref="Query"/>, keeping only entries with a portfolio at or below one of
    /// <paramref name="grantedPortfolios"/> (what a caller other than pmo may see); lastSeq likewise.</summary>
    [Alias("query-visible")] Task<AlertPage> QueryVisible(string scope, long after, int limit, [Immutable] string[] grantedPortfolios);

    [Alias("open-count")] Task<int> OpenCount(string scope);

    /// <summary>Open alerts per portfolio scope (each portfolio counts those of its subtree), for every
    /// portfolio with one, in one pass: the portfolio list asks once instead of once per portfolio.</summary>
    [Alias("open-counts")] Task<Dictionary<string, int>> OpenCountsByPortfolio();
}
