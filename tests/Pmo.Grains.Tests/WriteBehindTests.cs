using Pmo.Contracts.Commands;

namespace Pmo.Grains.Tests;

/// <summary>
/// A grain does not stop for a write of derived state: messages go on while a write-behind flush, or an
/// alert book written at once, is on its way to storage; the grain's next write waits for it, so the two
/// never race for one version. The storage here holds one project's writes until the test lets them go.
/// </summary>
public sealed class WriteBehindTests : HeldStorageClusterTests<WriteBehindTests>
{
    [Fact]
    public async Task A_grain_whose_flush_is_held_by_storage_still_takes_changes_and_writes_its_next_command_after_the_flush()
    {
        var storage = Storage;
        // d2 waits for upstream but has float: its dates move, its finish and alerts do not, so what
        // the project hears is derived state only, written behind.
        var (driver, upstream, downstream) = await UpstreamAndDownstream("held", [("d1", 20), ("d2", 3)], linkedTask: "d2");
        var plannedStart = await StartOf(driver, downstream);

        storage.Hold(downstream, flushesOnly: true);
        await driver.Slip(upstream, "u1", 1);
        await storage.Held.WaitAsync(Deadline);

        // With the flush still held, the downstream project hears the next slip and answers.
        await driver.Slip(upstream, "u1", 1).WaitAsync(Deadline);
        Assert.Equal(plannedStart.AddDays(2), await StartOf(driver, downstream).WaitAsync(Deadline));
        Assert.False(storage.Released, "the flush was let go before the grain answered");

        // A command's own write queues behind the held flush instead of racing it for the same version.
        var command = driver.Slip(downstream, "d2", 2);
        storage.Release();
        await command.WaitAsync(Deadline);
        Assert.Empty(storage.Conflicts);
        Assert.Contains(downstream, storage.CommandWritesAfterFlush);
    }

    [Fact]
    public async Task A_project_whose_alert_book_is_being_written_still_answers_and_the_change_waits_for_the_write()
    {
        var storage = Storage;
        // The first slip has raised the downstream project's schedule slip.
        var (driver, upstream, downstream) = await UpstreamAndDownstream("alerts", [("d1", 5)], linkedTask: "d1");
        var finishBefore = (await driver.View(downstream)).Finish;

        // The next slip moves that alert's measure: the downstream project must write its alert book
        // before the alert log hears of it, and the test holds that write.
        storage.Hold(downstream, flushesOnly: false);
        var (changeId, _) = await driver.Issue(r => driver.Project(upstream).Slip(r, new SlipTask { ProjectId = upstream, TaskId = "u1", Days = 1 }));
        await storage.Held.WaitAsync(Deadline);

        var whileHeld = await driver.View(downstream).WaitAsync(Deadline);
        Assert.True(whileHeld.Finish > finishBefore, $"finish {whileHeld.Finish} did not move from {finishBefore}");
        // Its portfolio hears the new finish meanwhile (a roll-up is derived); the change waits for the write.
        var portfolio = Cluster.GrainFactory.GetGrain<IPortfolioGrain>(PortfolioOf(downstream));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await portfolio.GetView())?.Finish != whileHeld.Finish)
        {
            Assert.True(clock.Elapsed < Deadline, "the portfolio never heard the new finish while the write was held");
            await Task.Delay(10);
        }
        Assert.NotEqual("settled", (await Cluster.GrainFactory.GetGrain<IChangeGrain>(changeId).GetStatus())?.Status);

        storage.Release();
        await driver.Settled(changeId).WaitAsync(Deadline);
        Assert.Empty(storage.Conflicts);
    }

    /// <summary>
    /// A portfolio where project "down" waits for task u1 of project "up" through <paramref name="linkedTask"/>;
    /// then a first slip of u1, because the first change after an import fixes the baselines, which are
    /// written at once and are not what these tests hold.
    /// </summary>
    private async Task<(Driver Driver, string Upstream, string Downstream)> UpstreamAndDownstream(
        string prefix, (string Id, int Duration)[] downstreamTasks, string linkedTask)
    {
        var driver = new Driver(Cluster.GrainFactory);
        var doc = new Documents(prefix);
        await driver.Import(doc.Portfolio("pf")
            .Project("up", "pf", [("u1", 5)])
            .Project("down", "pf", downstreamTasks, links: [])
            .Link("up", "u1", "down", linkedTask)
            .Build());
        await driver.Slip(doc.Id("up"), "u1", 1);
        return (driver, doc.Id("up"), doc.Id("down"));
    }

    // Documents prefixes every id; both projects of UpstreamAndDownstream sit in its portfolio "pf".
    private static string PortfolioOf(string projectId) => projectId[..projectId.LastIndexOf('-')] + "-pf";

    private static async Task<DateOnly> StartOf(Driver driver, string projectId) =>
        (await driver.View(projectId)).Tasks.Single(t => t.Id == "d2").EarlyStart;
}
