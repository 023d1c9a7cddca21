using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Pmo.Host.Tests.Access;

/// <summary>A connection calling the hub in a burst is throttled with a hub error; it stays connected and is served again.</summary>
[Collection(SecuredHostCollection.Name)]
public sealed class HubCallLimitTests(SecuredHostFixture fixture)
{
    [Fact]
    public async Task Hub_calls_past_the_per_connection_rate_fail_with_a_hub_error_and_the_connection_stays_open()
    {
        await using var client = await PushClient.ConnectAsync(fixture.Host, "burst", Tokens.Pmo());
        var calls = Enumerable.Range(0, 200).Select(async _ =>
        {
            try
            {
                await client.Unsubscribe("all");
                return null;
            }
            catch (HubException e)
            {
                return e.Message;
            }
        });
        var errors = (await Task.WhenAll(calls)).OfType<string>().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains("Too many hub calls", e, StringComparison.Ordinal));
        Assert.True(errors.Count < 200, "every call was refused");
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);

        // Served again once the bucket refills (polled against a deadline, not slept on).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await client.Subscribe("all");
                break;
            }
            catch (HubException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
