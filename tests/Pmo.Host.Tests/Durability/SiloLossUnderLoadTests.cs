using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Pmo.Generator;
using Pmo.Host.Tests.Infrastructure;
using Pmo.Load.Reconciliation;
using Pmo.Load.Service;
using Xunit.Abstractions;

namespace Pmo.Host.Tests.Durability;

/// <summary>
/// Three silos on PostgreSQL and a stream of slips; one silo is killed with SIGKILL in the middle of it,
/// as an operator would see it happen. One-way messages bound for grains on that silo die with it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloLossUnderLoadTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan SettleWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_kill_9_under_load_every_acknowledged_change_settles_within_30_s_and_the_portfolio_reconciles_with_no_further_command()
    {
        var cs = await postgres.CreateDatabaseAsync("siloloss");
        await using var a = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        await using var b = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        var c = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        using var apiA = new PmoClient(a);
        using var apiB = new PmoClient(b);
        using (var apiC = new PmoClient(c))
            await apiC.Import(EnterpriseGenerator.Generate(GeneratorOptions.ForSize("demo", 17)));
        var tasks = (await apiA.ExportJson()).Arr("projects")
            .SelectMany(p => p.Arr("tasks").Take(3).Select(t => $"/api/projects/{p.Str("id")}/tasks/{t.Str("id")}/slip"))
            .ToList();

        // Slips through the two survivors, as fast as they answer, before and after the kill.
        var clock = Stopwatch.StartNew();
        TimeSpan? killedAt = null;
        var acknowledged = new ConcurrentDictionary<string, TimeSpan>();
        var failures = new ConcurrentQueue<string>();
        var refused = 0;
        using var stop = new CancellationTokenSource();
        var stream = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var api = worker % 2 == 0 ? apiA : apiB;
            for (var i = worker; !stop.IsCancellationRequested; i += 6)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(tasks[i % tasks.Count], UriKind.Relative))
                {
                    Content = JsonContent(new { days = i % 3 == 0 ? -1 : 1, reason = "silo loss test" }),
                };
                using var response = await api.SendDisposingRequest(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Accepted)
                    acknowledged[JsonDocument.Parse(text).RootElement.Str("changeId")] = clock.Elapsed;
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                    Interlocked.Increment(ref refused);
                else if ((int)response.StatusCode >= 500)
                    failures.Enqueue($"{(int)response.StatusCode} at {clock.Elapsed}: {text}");
                // Other 4xx: a slip of -1 on a task that cannot shrink further, a refusal that changes nothing.
            }
        })).ToList();

        while (acknowledged.Count < 100) await Task.Delay(20);
        await c.DisposeAsync(); // SIGKILL: no shutdown of any kind
        killedAt = clock.Elapsed;
        while (clock.Elapsed < killedAt + TimeSpan.FromSeconds(15)) await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(stream);
        var afterKill = acknowledged.Count(x => x.Value > killedAt);
        output.WriteLine($"acknowledged {acknowledged.Count} slips ({afterKill} after the kill), {refused} refused with 503 + Retry-After");
        Assert.True(failures.IsEmpty, $"{failures.Count} answers were 5xx:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}{Environment.NewLine}A:{Environment.NewLine}{a.Log}{Environment.NewLine}B:{Environment.NewLine}{b.Log}");
        Assert.True(afterKill > 0, "no slip was acknowledged after the kill");

        // Every acknowledged change settles: its own messages, or the resync that followed the loss.
        var open = new HashSet<string>(acknowledged.Keys);
        var lastAnswer = new Dictionary<string, string>();
        while (open.Count > 0)
        {
            foreach (var changeId in open.ToList())
            {
                using var response = await apiA.SendDisposingRequest(new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/changes/{changeId}", UriKind.Relative)));
                var text = await response.Content.ReadAsStringAsync();
                lastAnswer[changeId] = $"{(int)response.StatusCode} {text}";
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable, lastAnswer[changeId]);
                if (response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(text).RootElement.Str("status") == "settled") open.Remove(changeId);
                else
                {
                    var deadline = Later(acknowledged[changeId], killedAt.Value) + SettleWithin;
                    Assert.True(clock.Elapsed < deadline, $"{changeId}, acknowledged {acknowledged[changeId]} (kill at {killedAt}), is not settled at {clock.Elapsed}: {lastAnswer[changeId]}{Environment.NewLine}{a.Log}");
                }
            }
            if (open.Count > 0) await Task.Delay(250);
        }
        output.WriteLine($"kill -9 → every acknowledged change settled: {(clock.Elapsed - killedAt.Value).TotalSeconds:0.0} s");

        // Schedules, loads, roll-ups and alerts equal a whole-portfolio recompute, with no further command
        // (the loss's second resync pass may still be retelling figures: read again until it has).
        using var service = new ServiceClient(a.BaseAddress, 8);
        ReconciliationResult result;
        var since = Stopwatch.StartNew();
        while (!(result = await ReconciliationRunner.RunAsync(service, 1, CancellationToken.None)).Ok)
        {
            Assert.True(since.Elapsed < SettleWithin, $"{result.ProblemCount} problems: {string.Join(Environment.NewLine, result.Problems.Take(10))}");
            await Task.Delay(500);
        }
        output.WriteLine($"reconciled {since.Elapsed.TotalSeconds:0.0} s after the last settlement: {string.Join(", ", result.Checked.Select(x => $"{x.Key} {x.Value}"))}");
    }

    private static TimeSpan Later(TimeSpan x, TimeSpan y) => x > y ? x : y;

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, PmoClient.Json), System.Text.Encoding.UTF8, "application/json");
}
