using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Pmo.Generator;

namespace Pmo.Host.Tests.Durability;

/// <summary>Three hosts form one cluster through the PostgreSQL membership table; one is killed.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task After_kill_9_of_one_silo_every_grain_answers_from_a_survivor_and_a_push_client_resumes_without_a_gap()
    {
        var cs = await postgres.CreateDatabaseAsync("failover");
        await using var a = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        await using var b = await HostProcess.StartAsync("--postgres", cs, "--no-demo", "--Logging:LogLevel:Pmo.Host.Hosting.StartupResync=Information");
        var c = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        // A silo joining a running cluster leaves recovery to the survivors instead of resyncing everything again.
        Assert.Contains("Joined a running cluster", b.Log, StringComparison.Ordinal);
        using var apiA = new PmoClient(a);
        using var apiB = new PmoClient(b);
        using var apiC = new PmoClient(c);

        // Import through C so that many grains live on the silo that will die.
        await apiC.Import(EnterpriseGenerator.Generate(GeneratorOptions.ForSize("demo", 11)));
        var projects = (await apiA.ExportJson()).Arr("projects").Select(p => p.Str("id")).ToList();

        // A dashboard connected to C, subscribed to everything.
        var seen = Channel.CreateUnbounded<JsonElement>();
        await using var onC = Connect(c, seen);
        await onC.StartAsync();
        await onC.InvokeAsync("Subscribe", "all");
        var slip = await apiC.Command(HttpMethod.Post, $"/api/projects/{projects[0]}/tasks/{(await apiC.Project(projects[0])).Arr("tasks")[0].Str("id")}/slip", new { days = 9 });
        var lastSeen = await LastSeqOf(seen.Reader, slip.ChangeId);
        var before = new Dictionary<string, string>();
        foreach (var id in projects) before[id] = (await apiC.Project(id)).GetRawText();

        await c.DisposeAsync(); // kill -9
        var clock = Stopwatch.StartNew();

        // Every project answers again from A and comes back to the state it had with no further command:
        // what C held only in memory (derived state written behind) is rebuilt by the resync that
        // follows C's death. While C is not yet declared dead, calls that reach it answer 503.
        TimeSpan? firstSuccess = null;
        foreach (var id in projects)
        {
            string? now = null;
            while (true)
            {
                using var response = await apiA.SendDisposingRequest(new HttpRequestMessage(HttpMethod.Get, $"/api/projects/{id}"));
                Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable,
                    $"project {id} answered {(int)response.StatusCode} {clock.Elapsed} after the kill: {await response.Content.ReadAsStringAsync()}");
                if (response.IsSuccessStatusCode)
                {
                    firstSuccess ??= clock.Elapsed;
                    now = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetRawText();
                    if (now == before[id]) break;
                }
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"project {id} is not back as it was {clock.Elapsed} after the kill: {now ?? "no answer"}{Environment.NewLine}{a.Log}");
                await Task.Delay(100);
            }
        }
        // Until membership declares C dead, placing a brand-new grain (each change has one) can still
        // route through C's directory partition; wait for A to see two active silos.
        while (!(await apiA.Get("/health")).Str("mode").Contains("2 silo", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "C was never declared dead");
            await Task.Delay(100);
        }
        output.WriteLine($"kill -9 → membership declares the silo dead: {clock.Elapsed.TotalMilliseconds:0} ms");

        // Portfolios and the alert log may have lived on C too: wait until they answer before changing anything.
        foreach (var path in new[] { "/api/portfolios", "/api/alerts?limit=1" })
            while (true)
            {
                using var response = await apiA.Send(HttpMethod.Get, path);
                if (response.IsSuccessStatusCode) break;
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"{path} still answers {(int)response.StatusCode}");
                await Task.Delay(100);
            }
        var allBack = clock.Elapsed;
        output.WriteLine($"kill -9 → first successful call on a survivor: {firstSuccess!.Value.TotalMilliseconds:0} ms; every project answering: {allBack.TotalMilliseconds:0} ms");

        // Changes made while the dashboard is away are replayed when it comes back on B.
        var missed = new List<string>();
        foreach (var id in projects.Skip(1).Take(3))
        {
            var change = await apiA.Command(HttpMethod.Put, $"/api/projects/{id}/budget", new { budget = 1 });
            missed.Add(change.ChangeId);
        }
        var expected = (await apiB.AllAlerts("all", lastSeen)).Select(e => e.Long("seq")).ToList();
        Assert.NotEmpty(expected);

        var replayed = Channel.CreateUnbounded<JsonElement>();
        await using var onB = Connect(b, replayed);
        await onB.StartAsync();
        await onB.InvokeAsync("Subscribe", "all", lastSeen);
        var received = new List<long>();
        while (received.Count < expected.Count) received.Add((await Next(replayed.Reader)).Long("seq"));
        Assert.Equal(expected, received);
    }

    private static HubConnection Connect(HostProcess host, Channel<JsonElement> sink)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/portfolio"), o => o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets)
            .Build();
        connection.On<JsonElement>("alert", payload =>
        {
            if (payload.ValueKind == JsonValueKind.Array) foreach (var alert in payload.EnumerateArray()) sink.Writer.TryWrite(alert.Clone());
            else sink.Writer.TryWrite(payload.Clone());
        });
        return connection;
    }

    /// <summary>Reads alerts until one of <paramref name="changeId"/> arrives; its seq.</summary>
    private static async Task<long> LastSeqOf(ChannelReader<JsonElement> reader, string changeId)
    {
        while (true)
        {
            var alert = await Next(reader);
            if (alert.Str("changeId") == changeId) return alert.Long("seq");
        }
    }

    private static async Task<JsonElement> Next(ChannelReader<JsonElement> reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await reader.ReadAsync(timeout.Token);
    }
}
