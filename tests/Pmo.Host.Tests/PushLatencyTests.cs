using System.Diagnostics;

namespace Pmo.Host.Tests;

/// <summary>
/// Measures (reports, does not judge) how long an alert takes from the command's 202 to 100 connected
/// SignalR clients: on one host, and across a two-host cluster with the clients on B and the commands
/// sent to A. Slips go one at a time; the next is sent once every client has the previous one's alert.
/// Bounded: measuring stops after 45 s whatever has been reached.
/// </summary>
[Collection(PushLoadCollection.Name)]
public sealed class PushLatencyTests(PushHostFixture single, PushClusterFixture cluster, ITestOutputHelper output)
{
    private const int Clients = 100;
    private const int Slips = 50;
    private const int Projects = 5;
    private static readonly TimeSpan MeasureFor = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan PerAlert = TimeSpan.FromSeconds(10);

    [Fact]
    public Task Alert_latency_from_202_to_100_clients_on_one_host() =>
        Run("one host", single.Client, single.Host);

    [Fact]
    public Task Alert_latency_from_202_on_host_A_to_100_clients_on_host_B_of_a_two_host_cluster() =>
        Run("two hosts (commands to A, clients on B)", cluster.ApiA, cluster.B);

    private async Task Run(string label, PmoClient api, HostProcess clientsOn)
    {
        var x = Doc.Prefix("push-latency");
        var ids = Enumerable.Range(0, Projects).Select(i => $"{x}p{i}").ToArray();
        await api.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "pf")],
            projects: [.. ids.Select(id => Doc.Project(id, x + "pf", [Doc.Task("t1", 5, fixedCost: 10_000)], budget: 20_000))]));

        var clients = new PushClient?[Clients];
        try
        {
            var connecting = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, Clients), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (i, _) =>
            {
                var client = await PushClient.ConnectAsync(clientsOn, $"client {i} on {clientsOn.BaseAddress}");
                clients[i] = client;
                await client.Subscribe("all");
            });
            var connected = clients.Select(c => c!).ToArray();
            var connectedIn = connecting.Elapsed;

            // Warm-up (not measured): every client has an alert before the clock starts.
            var (warmUp, _) = await api.Accept(HttpMethod.Post, $"/api/projects/{ids[0]}/tasks/t1/slip", new { days = 1 });
            await Task.WhenAll(connected.Select(c => c.AlertOf(warmUp, TimeSpan.FromSeconds(30))));

            var toEvery = new List<double>();
            var toOne = new List<double>();
            var measuring = Stopwatch.StartNew();
            for (var i = 0; i < Slips && measuring.Elapsed < MeasureFor; i++)
            {
                var (changeId, acceptedAt) = await api.Accept(HttpMethod.Post, $"/api/projects/{ids[i % Projects]}/tasks/t1/slip", new { days = 1 });
                var arrivals = await Task.WhenAll(connected.Select(c => c.AlertOf(changeId, PerAlert)));
                toEvery.Add(Measure.Milliseconds(acceptedAt, arrivals.Max(a => a.ReceivedAt)));
                toOne.Add(Measure.Milliseconds(acceptedAt, arrivals[0].ReceivedAt));
            }

            output.WriteLine($"{label}: {Clients} SignalR clients (WebSockets) subscribed to \"all\" on {clientsOn.BaseAddress}, connected in {connectedIn.TotalSeconds:0.00} s");
            output.WriteLine($"{toEvery.Count} slips sent one at a time in {measuring.Elapsed.TotalSeconds:0.00} s; time from the 202 response to the slip's alert:");
            output.WriteLine($"  at every one of the {Clients} clients: p50 {Measure.Percentile(toEvery, 50):0.0} ms, p99 {Measure.Percentile(toEvery, 99):0.0} ms, max {toEvery.Max():0.0} ms");
            output.WriteLine($"  at one designated client:        p50 {Measure.Percentile(toOne, 50):0.0} ms, p99 {Measure.Percentile(toOne, 99):0.0} ms, max {toOne.Max():0.0} ms");
            output.WriteLine("  (negative values mean the alert arrived before the 202 response was read)");
            Assert.NotEmpty(toEvery);
        }
        finally
        {
            await Task.WhenAll(clients.Where(c => c is not null).Select(c => c!.DisposeAsync().AsTask()));
        }
    }
}
