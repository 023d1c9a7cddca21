using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Pmo.Host.Hosting;

namespace Pmo.Host.Tests;

/// <summary>
/// The resync passes after a silo's death, on a fake clock: a first pass at once, a second 10 s later, then
/// more while the ledger does not have the latest settled, up to six. The test answers each start and each
/// question to the ledger itself, and moves the clock only once the passes wait on it, so every step is
/// taken in a known order and nothing waits for real.
/// </summary>
public sealed class LossRepairPassesTests
{
    private readonly WaitWatchingClock _clock = new();
    private readonly Channel<(string Pass, TaskCompletionSource<DateTimeOffset?> Started)> _starts = Channel.CreateUnbounded<(string, TaskCompletionSource<DateTimeOffset?>)>();
    private readonly Channel<TaskCompletionSource<DateTimeOffset?>> _asks = Channel.CreateUnbounded<TaskCompletionSource<DateTimeOffset?>>();
    private readonly List<int> _unsettled = [];

    private Task Run() => Task.Run(() => new LossRepairPasses(
        pass => Reply(_starts.Writer, completion => (pass, completion)),
        () => Reply(_asks.Writer, completion => completion),
        _clock,
        _unsettled.Add).RunAsync(CancellationToken.None));

    [Fact]
    public async Task A_second_pass_follows_after_10_s_and_none_after_it_once_the_ledger_has_it_settled()
    {
        var run = Run();
        await Start("", _clock.GetUtcNow());

        Assert.Equal(LossRepairPasses.SecondPassAfter, await _clock.NextWait());
        _clock.Advance(LossRepairPasses.SecondPassAfter - TimeSpan.FromMilliseconds(1));
        Assert.False(_starts.Reader.TryRead(out _), "the second pass started early");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = _clock.GetUtcNow();
        await Start("-2", second);
        (await Next(_asks.Reader)).SetResult(second);

        await run;
        Assert.False(_starts.Reader.TryRead(out _));
        Assert.Empty(_unsettled);
    }

    [Fact]
    public async Task While_no_pass_settles_another_follows_each_5_s_up_to_six_passes()
    {
        var (run, _) = await RunThroughSecondPass();

        for (var pass = 3; pass <= LossRepairPasses.MostPasses; pass++)
        {
            await LedgerAnswersFor(LossRepairPasses.PassSettlesWithin, ask => ask.SetResult(null));
            await Start($"-{pass}", _clock.GetUtcNow());
        }

        await run;
        Assert.False(_starts.Reader.TryRead(out _), "more than six passes");
        Assert.Equal([2, 3, 4, 5], _unsettled);
    }

    [Fact]
    public async Task A_ledger_out_of_reach_counts_as_unsettled_and_a_pass_that_could_not_start_is_judged_by_the_one_before()
    {
        var (run, second) = await RunThroughSecondPass();

        await LedgerAnswersFor(LossRepairPasses.PassSettlesWithin, ask => ask.SetException(new TimeoutException("the ledger did not answer")));
        await Start("-3", null);
        // The third pass never started: the second, settled after all, ends the repair.
        (await Next(_asks.Reader)).SetResult(second);

        await run;
        Assert.Equal([2], _unsettled);
        Assert.False(_starts.Reader.TryRead(out _));
    }

    /// <summary>Waits for the pass to be started and answers when it started (null: it could not).</summary>
    private async Task Start(string expected, DateTimeOffset? startedAt)
    {
        var (pass, started) = await Next(_starts.Reader);
        Assert.Equal(expected, pass);
        started.SetResult(startedAt);
    }

    /// <summary>Starts the passes and answers the first two, the second once the clock has reached it.</summary>
    private async Task<(Task Run, DateTimeOffset SecondStarted)> RunThroughSecondPass()
    {
        var run = Run();
        await Start("", _clock.GetUtcNow());
        await _clock.NextWait();
        _clock.Advance(LossRepairPasses.SecondPassAfter);
        var second = _clock.GetUtcNow();
        await Start("-2", second);
        return (run, second);
    }

    /// <summary>Answers each question the passes ask the ledger over <paramref name="span"/> with <paramref name="answer"/>.</summary>
    private async Task LedgerAnswersFor(TimeSpan span, Action<TaskCompletionSource<DateTimeOffset?>> answer)
    {
        for (var waited = TimeSpan.Zero; waited < span; waited += LossRepairPasses.AskEvery)
        {
            answer(await Next(_asks.Reader));
            await _clock.NextWait();
            _clock.Advance(LossRepairPasses.AskEvery);
        }
        answer(await Next(_asks.Reader));
    }

    /// <summary>The next item; a step that never comes fails the test instead of hanging it.</summary>
    private static Task<T> Next<T>(ChannelReader<T> reader) => reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    private static Task<DateTimeOffset?> Reply<T>(ChannelWriter<T> writer, Func<TaskCompletionSource<DateTimeOffset?>, T> item)
    {
        var completion = new TaskCompletionSource<DateTimeOffset?>();
        Assert.True(writer.TryWrite(item(completion)));
        return completion.Task;
    }

    /// <summary>A fake clock that tells the test each time something starts waiting on it (Task.Delay makes a timer).</summary>
    private sealed class WaitWatchingClock() : FakeTimeProvider(DateTimeOffset.Parse("2027-03-05T09:00:00Z", global::System.Globalization.CultureInfo.InvariantCulture))
    {
        private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

        public Task<TimeSpan> NextWait() => Next(_waits.Reader);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _waits.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
