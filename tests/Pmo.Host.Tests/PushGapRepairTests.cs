using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Pmo.Contracts;
using Pmo.Host.Access;
using Pmo.Host.Api;
using Pmo.Host.Push;

namespace Pmo.Host.Tests;

/// <summary>
/// The push router's gap repair on a fake clock: an alert that overtook its predecessor waits the gap
/// timeout for it before the router reads the log, and a push lost with nothing after it is found by
/// the tail check. No real waits: the clock is advanced by the test.
/// </summary>
public sealed class PushGapRepairTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2027-03-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly PushOptions _options = new();
    private readonly IAlertLogGrain _log = Substitute.For<IAlertLogGrain>();
    private readonly List<AlertEntry> _logged = [];

    private PushRouter Router()
    {
        var grains = Substitute.For<IGrainFactory>();
        grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key, null).Returns(_log);
        _log.GetPortfolioTree().Returns(new Dictionary<string, string?> { ["pf"] = null });
        _log.Query("all", Arg.Any<long>(), Arg.Any<int>()).Returns(call =>
        {
            var (after, limit) = (call.ArgAt<long>(1), call.ArgAt<int>(2));
            var last = _logged.Count == 0 ? 0 : _logged[^1].Seq;
            return new AlertPage { Items = [.. _logged.Where(e => e.Seq > after).Take(limit)], LastSeq = last };
        });
        var admission = new CommandAdmission(new AdmissionOptions(), _clock);
        return new PushRouter(grains, _options, admission, new PortfolioAccess(grains), _clock, NullLogger<PushRouter>.Instance);
    }

    /// <summary>A started router that has done its first tail check, on an empty log.</summary>
    private async Task<PushRouter> StartedRouterAsync()
    {
        var router = Router();
        await router.StartAsync();
        await router.RepairGapsAsync();
        return router;
    }

    /// <summary>No gap read of the log a millisecond before <paramref name="due"/> has passed; one just after.</summary>
    private async Task AssertLogReadOnceDue(PushRouter router, TimeSpan due)
    {
        _clock.Advance(due - TimeSpan.FromMilliseconds(1));
        await router.RepairGapsAsync();
        Assert.Equal(0, GapReads());

        _clock.Advance(TimeSpan.FromMilliseconds(2));
        await router.RepairGapsAsync();
        Assert.Equal(1, GapReads());
    }

    private AlertEntry Log(long seq)
    {
        var entry = new AlertEntry
        {
            Seq = seq, Id = $"a{seq}", Kind = "ScheduleSlip", Severity = "warning", State = "raised", Subject = "project:p",
            PortfolioIds = ["pf"], ProjectIds = ["p"], ResourceIds = [], Message = $"alert {seq}", ChangeId = "c-1", At = _clock.GetUtcNow(),
        };
        _logged.Add(entry);
        return entry;
    }

    private static PushBatch Pushed(AlertEntry entry) =>
        new() { Alerts = [new PushedAlert { Entry = entry, Scopes = ["all", "portfolio:pf", "project:p"] }] };

    private int GapReads() => _log.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IAlertLogGrain.Query) && (long)c.GetArguments()[1]! != long.MaxValue);

    [Fact]
    public async Task An_alert_that_overtook_its_predecessor_waits_the_gap_timeout_before_the_log_is_read()
    {
        var router = await StartedRouterAsync();

        Log(1);
        router.Receive(Pushed(Log(2))); // seq 1 was never pushed: a gap
        await AssertLogReadOnceDue(router, _options.GapTimeout);
        await router.RepairGapsAsync();
        Assert.Equal(1, GapReads()); // seq 1 and 2 are dispatched: nothing is waiting any more
    }

    [Fact]
    public async Task A_lost_push_with_nothing_after_it_is_found_by_the_tail_check()
    {
        var router = await StartedRouterAsync();

        Log(1); // its push went missing, and nothing follows it to reveal the gap
        await AssertLogReadOnceDue(router, _options.TailCheckInterval);
    }
}
