using System.Security.Claims;

namespace Pmo.Dashboard.Data;

/// <summary>
/// Live pushes for one scope ("all", "portfolio:{id}", "project:{id}", "resource:{id}"), through the
/// same router and scope rules as the SignalR hub. With <c>afterSeq</c> the scope's logged alerts after
/// it come first, then live ones, with no gap and no duplicate. Dispose the result to stop.
/// </summary>
public interface ILiveFeed
{
    Task<IAsyncDisposable> SubscribeAsync(ClaimsPrincipal user, string scope, long? afterSeq, Func<LiveUpdate, Task> onUpdate, CancellationToken cancellationToken = default);
}

/// <summary>
/// One delivery. <see cref="Resync"/> names scopes whose alerts were dropped because this subscriber fell
/// behind: read the log from the given seq. Portfolios and resources are ids of those that changed.
/// </summary>
public sealed record LiveUpdate(
    IReadOnlyList<AlertItem> Alerts,
    IReadOnlyList<ProjectRow> Projects,
    IReadOnlyList<string> Portfolios,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> SettledChanges,
    IReadOnlyList<KeyValuePair<string, long>> Resync)
{
    public static LiveUpdate Empty { get; } = new([], [], [], [], [], []);
}
