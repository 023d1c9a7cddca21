using Orleans.Storage;
using Pmo.Host.Api;

namespace Pmo.Host.Tests;

/// <summary>What a failover throws at a request is answered 503 with Retry-After (worth sending again), anything else is not.</summary>
public sealed class ClusterUnavailableTests
{
    public static TheoryData<Exception> DuringAFailover() =>
    [
        new SiloUnavailableException("the silo is gone"),
        new TimeoutException("no answer"),
        new InconsistentStateException("another activation wrote first", "1", "2"),
        new AggregateException(new InconsistentStateException("another activation wrote first", "1", "2")),
    ];

    [Theory]
    [MemberData(nameof(DuringAFailover))]
    public void What_a_failover_throws_is_transient(Exception exception) =>
        Assert.True(ClusterUnavailableHandler.IsTransient(exception));

    [Fact]
    public void A_bug_is_not_transient()
    {
        Assert.False(ClusterUnavailableHandler.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(ClusterUnavailableHandler.IsTransient(new AggregateException(new NullReferenceException(), new TimeoutException())));
    }
}
