using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Pmo.Host.Tests.Infrastructure;

namespace Pmo.Host.Tests;

/// <summary>CONTRACT.md "Live push (SignalR)": the hub at /hubs/portfolio.</summary>
[Collection(HostCollection.Name)]
public sealed class HubTests(HostFixture fixture)
{
    private PmoClient Api => fixture.Client;

    [Fact]
    public async Task Subscribe_with_afterSeq_replays_the_logged_alerts_of_the_scope_then_sends_live_ones()
    {
        var x = Doc.Prefix("hub");
        await Api.Import(Doc.Simple(x, fixedCost: 10_000, budget: 20_000));
        await Api.Command(HttpMethod.Put, $"/api/projects/{x}p/budget", new { budget = 5000 });
        var logged = (await Api.Alerts($"?scope=project:{x}p")).Arr("items");
        Assert.NotEmpty(logged);

        var received = Channel.CreateUnbounded<JsonElement>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Host.BaseAddress, "/hubs/portfolio"))
            .Build();
        connection.On<JsonElement>("alert", payload =>
        {
            if (payload.ValueKind == JsonValueKind.Array)
                foreach (var alert in payload.EnumerateArray()) received.Writer.TryWrite(alert.Clone());
            else received.Writer.TryWrite(payload.Clone());
        });
        try
        {
            await connection.StartAsync();
        }
        catch (HttpRequestException e)
        {
            Assert.Fail($"The hub /hubs/portfolio of CONTRACT.md \"Live push\" does not answer: {e.Message}");
        }
        await connection.InvokeAsync("Subscribe", $"project:{x}p", 0L);

        foreach (var expected in logged)
            Assert.Equal(expected.Long("seq"), (await Next(received.Reader)).Long("seq"));

        var cure = await Api.Command(HttpMethod.Put, $"/api/projects/{x}p/budget", new { budget = 20_000 });
        var live = await Next(received.Reader);
        Assert.True(live.Long("seq") > logged[^1].Long("seq"));
        Assert.Equal((cure.ChangeId, "resolved"), (live.Str("changeId"), live.Str("state")));
    }

    private static async Task<JsonElement> Next(ChannelReader<JsonElement> reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("No alert arrived on the hub within 10 s.");
            throw;
        }
    }
}
