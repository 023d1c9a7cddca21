using System.Diagnostics;
using Pmo.Domain.Alerts;

namespace Pmo.Grains.Tests;

/// <summary>
/// A resync's confirmation reaches the alert log grain and makes it agree with the owner: an alert the log
/// holds open and the owner does not is resolved, one the owner holds and the log never heard of is raised.
/// (Every order the rules must survive is in <see cref="AlertLedgerTests"/>; one-way calls from a test
/// client are not delivered in a fixed order, so these send one confirmation each and wait for its entries.)
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OpenAlertConfirmationTests(ClusterFixture fixture)
{
    private IAlertLogGrain Log => fixture.Grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key);

    [Fact]
    public async Task An_alert_its_owner_no_longer_holds_open_is_resolved_and_the_others_stay_open()
    {
        var resource = NewResource();
        var (stale, kept, neighbour) = (AlertDrafts.Raise(resource, "2027-01"), AlertDrafts.Raise(resource, "2027-02"), AlertDrafts.Raise(resource + "0", "2027-01"));
        await Log.Append(Ripple.Root("c-raise"), [stale, kept, neighbour]);
        await Entries(resource, count: 2);
        await Entries(resource + "0", count: 1);

        await Log.ConfirmOpen(Resync(), AlertDrafts.Owner(resource), revision: 2, [kept]);

        var resolved = (await Entries(resource, count: 3))[^1];
        Assert.Equal(("resolved", stale.Transition.Id), (resolved.State, resolved.Id));
        Assert.Equal(1, await Log.OpenCount($"resource:{resource}"));
        Assert.Equal(1, await Log.OpenCount($"resource:{resource}0"));
    }

    [Fact]
    public async Task An_alert_whose_raise_never_reached_the_log_is_raised_by_the_confirmation()
    {
        var resource = NewResource();
        var lost = AlertDrafts.Raise(resource, "2027-03");

        var resync = Resync();
        await Log.ConfirmOpen(resync, AlertDrafts.Owner(resource), revision: 1, [lost]);

        var raised = Assert.Single(await Entries(resource, count: 1));
        Assert.Equal(("raised", lost.Transition.Id, lost.Transition.Condition.Message, resync.ChangeId), (raised.State, raised.Id, raised.Message, raised.ChangeId));
        Assert.Equal(1, await Log.OpenCount($"resource:{resource}"));
    }

    private static string NewResource() => $"confirm-{Guid.NewGuid():N}";

    private static Ripple Resync() => Ripple.Root($"{Ripple.ResyncPrefix}test-{Guid.NewGuid():N}");

    /// <summary>The resource's log entries once there are <paramref name="count"/> (one-way calls: polled to a deadline).</summary>
    private async Task<AlertEntry[]> Entries(string resource, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var entries = (await Log.Query($"resource:{resource}", 0, 100)).Items;
            if (entries.Length >= count)
            {
                Assert.True(entries.Length == count, $"expected {count} entries:{Environment.NewLine}{string.Join(Environment.NewLine, entries.Select(e => $"{e.State} {e.Id}"))}");
                return entries;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{entries.Length} entries, expected {count}");
            await Task.Delay(10);
        }
    }
}
