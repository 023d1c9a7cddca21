using Microsoft.AspNetCore.Diagnostics;

namespace Pmo.Host.Api;

/// <summary>
/// While membership has not yet declared a killed silo dead, calls to grains that lived on it fail
/// (the silo is unreachable, the message is rejected, or no answer comes in time). Nothing the client
/// sent is wrong and the same request will work once the grains are placed again, a few seconds
/// later: that is <c>503</c> with <c>Retry-After</c>, never a <c>500</c>.
/// </summary>
public sealed partial class ClusterUnavailableHandler(ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception) || httpContext.Response.HasStarted) return false;
        LogUnavailable(logger, exception.GetType().Name);
        httpContext.Response.Clear();
        await Problems.Unavailable(RetryAfter, "Part of the cluster is not reachable right now; send this request again shortly.")
            .ExecuteAsync(httpContext);
        return true;
    }

    /// <remarks>
    /// <see cref="Orleans.Storage.InconsistentStateException"/> belongs here too: while the grain directory
    /// recovers from a silo's death, one grain can briefly be active on two survivors, and the one whose write
    /// finds the other's version is dropped by Orleans. Its command was not stored and not acknowledged, so
    /// sending it again is right, and it then reaches the activation that stays.
    /// </remarks>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => true,
        Orleans.Storage.InconsistentStateException => true,
        Orleans.Runtime.Messaging.ConnectionFailedException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsTransient(aggregate.InnerExceptions[0]),
        _ => false,
    };

    // Debug: during a failover every request in the window would log a line.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered 503: the cluster is not reachable ({Exception})")]
    private static partial void LogUnavailable(ILogger logger, string exception);
}
