namespace Pmo.Host.Hosting;

/// <summary>
/// The resync passes that repair one silo's death (see <see cref="SiloLossResync"/>): the first at once; a
/// second once the cluster has re-homed the dead silo's part of the grain directory, since a one-way message
/// of the first can be lost to that (a failover test saw one project stay stale in about one run of three);
/// then, while the latest pass has not settled as the ledger has it, another, up to <see cref="MostPasses"/>.
/// A pass whose own messages were lost never settles, and every change waiting for a repair would wait for
/// good; a pass that settled but whose word never reached the ledger leaves them waiting just the same.
/// </summary>
/// <param name="startPass">Starts the pass with the given suffix ("", "-2", …); returns when it started, as
/// the ledger records it, or null if it could not start.</param>
/// <param name="repairedThrough">The ledger's answer: the start of the latest settled loss resync.</param>
/// <param name="unsettled">Told the number of a pass that did not settle in time.</param>
internal sealed class LossRepairPasses(
    Func<string, Task<DateTimeOffset?>> startPass,
    Func<Task<DateTimeOffset?>> repairedThrough,
    TimeProvider time,
    Action<int> unsettled)
{
    public static readonly TimeSpan SecondPassAfter = TimeSpan.FromSeconds(10);

    /// <summary>A loss resync of an L enterprise settles within a few seconds; one that has not in this long lost a message.</summary>
    public static readonly TimeSpan PassSettlesWithin = TimeSpan.FromSeconds(5);

    /// <summary>How often the ledger is asked while a pass may still settle.</summary>
    public static readonly TimeSpan AskEvery = TimeSpan.FromSeconds(1);

    public const int MostPasses = 6;

    public async Task RunAsync(CancellationToken cancellation)
    {
        var latest = await startPass("");
        await Task.Delay(SecondPassAfter, time, cancellation);
        latest = await startPass("-2") ?? latest;
        for (var pass = 3; pass <= MostPasses && !await SettledWithin(latest, cancellation); pass++)
        {
            unsettled(pass - 1);
            latest = await startPass($"-{pass}") ?? latest;
        }
    }

    /// <summary>Whether the ledger has a settled loss resync that started at <paramref name="started"/> or later, within <see cref="PassSettlesWithin"/>.</summary>
    private async Task<bool> SettledWithin(DateTimeOffset? started, CancellationToken cancellation)
    {
        if (started is null) return false;
        for (var waited = TimeSpan.Zero; ; waited += AskEvery)
        {
            try
            {
                if (await repairedThrough() >= started) return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The ledger is out of reach for now: ask again, and start another pass if it stays so.
            }
            if (waited >= PassSettlesWithin) return false;
            await Task.Delay(AskEvery, time, cancellation);
        }
    }
}
