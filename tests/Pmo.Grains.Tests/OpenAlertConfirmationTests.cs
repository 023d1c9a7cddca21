using System.Diagnostics;
using Pmo.Domain.Alerts;

namespace Pmo.Grains.Tests;

/// <summary>
/// A resync's confirmation from an alert owner resolves the alerts the log holds open for that owner
/// and the owner does not (their resolution was stored but never reached the log), and nothing else.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OpenAlertConfirmationTests(ClusterFixture fixture)
{
    private IAlertLogGrain Log => fixture.Grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key);

    [Fact]
    public async Task An_alert_its_owner_no_longer_holds_open_is_resolved_and_the_others_stay_open()
    {
        var resource = $"confirm-{Guid.NewGuid():N}";
        var (stale, kept, neighbour) = ($"resource:{resource}", $"resource:{resource}", $"resource:{resource}0");
        await Log.Append(Ripple.Root("c-raise"), [Raised(stale, resource, "2027-01"), Raised(kept, resource, "2027-02"), Raised(neighbour, resource + "0", "2027-01")]);
        var raised = await OpenIds(resource, expected: 3);

        var keptId = raised.Single(id => id.StartsWith(kept, StringComparison.Ordinal) && id.Contains("2027-02", StringComparison.Ordinal));
        await Log.ConfirmOpen(Ripple.Root($"{Ripple.ResyncPrefix}test"), stale, [keptId]);

        var open = await OpenIds(resource, expected: 2);
        Assert.Contains(keptId, open);
        Assert.Contains(open, id => id.StartsWith(neighbour + ":", StringComparison.Ordinal));
        var page = await Log.Query($"resource:{resource}", 0, 100);
        var resolved = Assert.Single(page.Items, e => e.State == "resolved");
        Assert.StartsWith(stale + ":", resolved.Id, StringComparison.Ordinal);
        Assert.Contains("2027-01", resolved.Id, StringComparison.Ordinal);
    }

    private static AlertDraft Raised(string owner, string resourceId, string month) => new()
    {
        Transition = new AlertTransition
        {
            Id = $"{owner}:{AlertKind.ResourceConflict}:resource:{resourceId}/{month}:1",
            State = AlertState.Raised,
            Condition = new AlertCondition { Kind = AlertKind.ResourceConflict, Subject = $"resource:{resourceId}/{month}", Measure = 1.5m, Message = "booked at 150 %" },
        },
        PortfolioIds = [], ProjectIds = [], ResourceIds = [resourceId], At = DateTimeOffset.UnixEpoch,
    };

    /// <summary>The open alert ids of the resource and its neighbour, once there are as many as expected (one-way calls: polled to a deadline).</summary>
    private async Task<List<string>> OpenIds(string resource, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var open = new List<string>();
            foreach (var id in new[] { resource, resource + "0" })
            {
                var entries = (await Log.Query($"resource:{id}", 0, 100)).Items;
                open.AddRange(entries.GroupBy(e => e.Id).Where(g => g.Last().State != "resolved").Select(g => g.Key));
            }
            if (open.Count == expected) return open;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{open.Count} open, expected {expected}: {string.Join(", ", open)}");
            await Task.Delay(10);
        }
    }
}
