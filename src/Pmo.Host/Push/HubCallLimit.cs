using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace Pmo.Host.Push;

/// <summary>
/// Throttles hub invocations per connection: each Subscribe replays from the log and takes locks the
/// push path needs, so one client calling in a loop must not starve the others. Past the rate, the call
/// fails with a hub error and the connection stays open.
/// </summary>
public sealed class HubCallLimit : IHubFilter
{
    public const int PerSecond = 50;
    private static readonly object LimiterKey = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocation.Context.Items;
        if (items[LimiterKey] is not TokenBucketRateLimiter limiter)
        {
            limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = PerSecond,
                TokensPerPeriod = PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
            items[LimiterKey] = limiter;
        }
        using var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired) throw new HubException($"Too many hub calls: at most {PerSecond} per second per connection.");
        return await next(invocation);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items[LimiterKey] is IDisposable limiter) limiter.Dispose();
        return next(context, exception);
    }
}
