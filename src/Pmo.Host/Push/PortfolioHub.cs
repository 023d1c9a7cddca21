using Microsoft.AspNetCore.SignalR;

namespace Pmo.Host.Push;

/// <summary>
/// The hub at /hubs/portfolio (CONTRACT.md "Live push"). Clients call Subscribe(scope) or
/// Subscribe(scope, afterSeq) and Unsubscribe(scope); the server sends alert, projectChanged,
/// portfolioChanged, resourceChanged, changeSettled and resync.
/// </summary>
public sealed class PortfolioHub(PushRouter router) : Hub
{
    /// <summary>Subscribe(scope) arrives here with a null afterSeq (see SubscribeArgumentsProtocol).</summary>
    public async Task Subscribe(string scope, long? afterSeq)
    {
        await router.Validate(scope);
        if (afterSeq is < 0) throw new HubException("afterSeq must be >= 0.");
        await router.Subscribe(Context.ConnectionId, scope, afterSeq);
    }

    public Task Unsubscribe(string scope)
    {
        router.Unsubscribe(Context.ConnectionId, scope);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        router.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
