using System.Diagnostics;
using Pmo.Contracts;

namespace Pmo.Grains.Tests;

/// <summary>
/// A change whose messages died with a silo never hears its last reports; it settles by the resync
/// that followed the loss (the host's SiloLossResync records it in the ledger). Here the lost message
/// is simply never reported, and the resync is one the test settles itself.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloLossSettlementTests(ClusterFixture fixture)
{
    private ISiloLossLedgerGrain Ledger => fixture.Grains.GetGrain<ISiloLossLedgerGrain>(ISiloLossLedgerGrain.Key);

    [Fact]
    public async Task A_change_stranded_by_a_silo_loss_settles_once_a_resync_begun_after_it_has_settled_and_a_later_one_does_not()
    {
        var stranded = await Stranded();
        var resync = await BeginResync();
        var acceptedDuringResync = await Stranded();
        Assert.Equal("propagating", (await Status(stranded)).Status);

        await SettleResync(resync);

        var clock = Stopwatch.StartNew();
        while ((await Status(stranded)).Status != "settled")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the stranded change never settled");
            await Task.Delay(100);
        }
        Assert.Equal("propagating", (await Status(acceptedDuringResync)).Status);
    }

    [Fact]
    public async Task A_change_whose_coordinator_was_lost_reads_as_settled_only_once_a_repair_covers_it()
    {
        var lost = ChangeIds.New(DateTimeOffset.UtcNow);
        Assert.Null(await fixture.Grains.GetGrain<IChangeGrain>(lost).GetStatus());

        await SettleResync(await BeginResync());

        Assert.Equal("settled", (await fixture.Grains.GetGrain<IChangeGrain>(lost).GetStatus())?.Status);
        Assert.Null(await fixture.Grains.GetGrain<IChangeGrain>($"{lost}-not-an-id").GetStatus());
        Assert.Null(await fixture.Grains.GetGrain<IChangeGrain>(ChangeIds.New(DateTimeOffset.UtcNow.AddSeconds(1))).GetStatus());
    }

    [Fact]
    public void A_change_id_tells_when_it_was_issued()
    {
        var at = new DateTimeOffset(2026, 11, 30, 15, 4, 5, 678, TimeSpan.Zero);
        Assert.True(ChangeIds.TryIssuedAt(ChangeIds.New(at), out var issued));
        Assert.Equal(at, issued);
        Assert.False(ChangeIds.TryIssuedAt($"{Ripple.ResyncPrefix}startup", out _));
        Assert.False(ChangeIds.TryIssuedAt($"c-{Guid.NewGuid():N}", out _));
    }

    /// <summary>An accepted change with one message that will never be reported.</summary>
    private async Task<string> Stranded()
    {
        var id = ChangeIds.New(DateTimeOffset.UtcNow);
        var change = fixture.Grains.GetGrain<IChangeGrain>(id);
        await change.Accept(DateTimeOffset.UtcNow);
        await change.Completed(Ripple.RootMessageId, [7], "project/p", 0, 0);
        return id;
    }

    private async Task<(string Id, DateTimeOffset StartedAt)> BeginResync()
    {
        var id = $"{Ripple.ResyncPrefix}loss-test-{Guid.NewGuid():N}";
        var startedAt = DateTimeOffset.UtcNow;
        await Ledger.ResyncStarted(id, startedAt);
        return (id, startedAt);
    }

    private async Task SettleResync((string Id, DateTimeOffset StartedAt) started)
    {
        var (resyncId, startedAt) = started;
        var resync = fixture.Grains.GetGrain<IChangeGrain>(resyncId);
        await resync.Completed(Ripple.RootMessageId, [], "enterprise/0", 0, 0);
        await resync.Accept(DateTimeOffset.UtcNow);
        // The change tells the ledger with a one-way call; wait until the ledger has heard.
        var clock = Stopwatch.StartNew();
        while (await Ledger.RepairedThrough() is not { } through || through < startedAt)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the ledger never heard the resync settle");
            await Task.Delay(20);
        }
    }

    private async Task<ChangeStatus> Status(string changeId) => (await fixture.Grains.GetGrain<IChangeGrain>(changeId).GetStatus())!;
}
