using System.Security.Claims;
using Pmo.Dashboard.Data;
using Pmo.Host.Push;

namespace Pmo.Host.Dashboard;

/// <summary>
/// The dashboard's live feed: each subscription is one in-process subscriber of this host's
/// <see cref="PushRouter"/>, the same router (scopes, afterSeq replay, batching, resync) that serves
/// the SignalR hub. One live path; no polling.
/// </summary>
internal sealed class LiveFeed(PushRouter router, DashboardScope scope) : ILiveFeed
{
    public async Task<IAsyncDisposable> SubscribeAsync(ClaimsPrincipal user, string alertScope, long? afterSeq, Func<LiveUpdate, Task> onUpdate, CancellationToken cancellationToken = default)
    {
        await router.Validate(alertScope);
        var feedId = $"dashboard-{Guid.NewGuid():N}";
        var subscription = new Subscription(router, feedId, user, scope, onUpdate);
        router.Attach(feedId, subscription);
        try
        {
            await router.Subscribe(feedId, alertScope, afterSeq);
        }
        catch
        {
            router.Disconnected(feedId);
            throw;
        }
        return subscription;
    }

    private sealed class Subscription(PushRouter router, string feedId, ClaimsPrincipal user, DashboardScope scope, Func<LiveUpdate, Task> onUpdate)
        : IPushSink, IAsyncDisposable
    {
        public async Task DeliverAsync(PushDelivery delivery, CancellationToken cancellationToken)
        {
            var everything = scope.SeesEverything(user);
            var update = new LiveUpdate(
                [.. delivery.Alerts.Where(a => everything || a.PortfolioIds.Any(p => scope.SeesPortfolio(user, p))).Select(DashboardMapping.Item)],
                [.. delivery.Summaries.Where(s => s.Project is not null).Select(s => DashboardMapping.Row(s.Project!))
                    .Where(r => everything || scope.SeesPortfolio(user, r.PortfolioId))],
                [.. delivery.Summaries.Where(s => s.Kind == "portfolio" && (everything || scope.SeesPortfolio(user, s.Id))).Select(s => s.Id)],
                [.. delivery.Summaries.Where(s => s.Kind == "resource").Select(s => s.Id)],
                [.. delivery.Settlements.Select(s => s.ChangeId)],
                delivery.Resync);
            await onUpdate(update);
        }

        public ValueTask DisposeAsync()
        {
            router.Disconnected(feedId);
            return ValueTask.CompletedTask;
        }
    }
}
