using Microsoft.AspNetCore.SignalR;
using Pmo.Host.Access;

namespace Pmo.Host.Push;

/// <summary>
/// The hub at /hubs/portfolio (CONTRACT.md "Live push"). Clients call Subscribe(scope) or
/// Subscribe(scope, afterSeq) and Unsubscribe(scope); the server sends alert, projectChanged,
/// portfolioChanged, resourceChanged, changeSettled and resync.
/// </summary>
public sealed class PortfolioHub(PushRouter router, PortfolioAccess access) : Hub
{
    /// <summary>Subscribe(scope) arrives here with a null afterSeq (see SubscribeArgumentsProtocol).
    /// A scope outside the caller's answers as an unknown one; <c>all</c> means all the caller may see.</summary>
    public async Task Subscribe(string scope, long? afterSeq)
    {
        var user = Context.User ?? new System.Security.Claims.ClaimsPrincipal();
        await router.Validate(scope, user, access);
        if (afterSeq is < 0) throw new HubException("afterSeq must be >= 0.");
        var caller = Caller.From(user);
        await router.Subscribe(Context.ConnectionId, scope, afterSeq, caller.IsPmo ? null : user);
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
