using System.Collections.Concurrent;
using Pmo.Generator;

namespace Pmo.Host.Tests.Durability;

/// <summary>
/// Production mode on a real PostgreSQL: what the API acknowledged survives a restart and a kill -9,
/// and roll-ups reconcile with their projects afterwards.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class DurabilityTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static object DemoDocument(int seed) => EnterpriseGenerator.Generate(GeneratorOptions.ForSize("demo", seed));

    [Fact]
    public async Task A_new_host_on_the_same_database_finds_every_project_resource_portfolio_and_open_alert_as_it_was()
    {
        var cs = await postgres.CreateDatabaseAsync("restart");
        var before = new Snapshot();
        await using (var host = await HostProcess.StartAsync("--postgres", cs, "--no-demo"))
        {
            using var api = new PmoClient(host);
            await api.Import(DemoDocument(3));
            var export = await api.ExportJson();
            var first = export.Arr("projects")[0];
            var second = export.Arr("projects")[1];
            await api.Command(HttpMethod.Post, $"/api/projects/{first.Str("id")}/tasks/{first.Arr("tasks")[0].Str("id")}/slip", new { days = 7 });
            await api.Command(HttpMethod.Put, $"/api/projects/{second.Str("id")}/budget", new { budget = 1 });
            await api.Command(HttpMethod.Post, $"/api/projects/{second.Str("id")}/tasks/{second.Arr("tasks")[0].Str("id")}/progress", new { percentComplete = 50, actualCost = 12345 });
            before = await Snapshot.Take(api);
            // An operator's restart: derived state is written behind, and a graceful stop writes it.
            // (A crash is the kill -9 test below: there the resync after start rebuilds it.)
            Assert.Equal(0, await host.StopAsync(TimeSpan.FromSeconds(60)));
        }

        await using (var host = await HostProcess.StartAsync("--postgres", cs, "--no-demo"))
        {
            using var api = new PmoClient(host);
            var after = await Snapshot.Take(api);
            Assert.Equal(before.Export, after.Export);
            Assert.Equal(before.Projects, after.Projects);
            Assert.Equal(before.Portfolios, after.Portfolios);
            Assert.Equal(before.Resources, after.Resources);
            Assert.Equal(before.OpenAlerts, after.OpenAlerts);
            Assert.NotEmpty(after.OpenAlerts);
        }
    }

    [Fact]
    public async Task Ids_that_read_as_the_same_number_keep_separate_state_across_a_restart()
    {
        // The ADO.NET provider would read "cafe", "CAFE" and "0cafe" as one hexadecimal key.
        var cs = await postgres.CreateDatabaseAsync("hexids");
        string[] ids = ["cafe", "CAFE", "0cafe", "1", "01"];
        await using (var host = await HostProcess.StartAsync("--postgres", cs, "--no-demo"))
        {
            using var api = new PmoClient(host);
            await api.Import(Doc.Document(
                portfolios: [Doc.Portfolio("pf-hex")],
                projects: [.. ids.Select((id, i) => Doc.Project(id, "pf-hex", [Doc.Task("t", 1 + i)]))]));
        }
        await using (var host = await HostProcess.StartAsync("--postgres", cs, "--no-demo"))
        {
            using var api = new PmoClient(host);
            for (var i = 0; i < ids.Length; i++)
                Assert.Equal(1 + i, (await api.TaskOf(ids[i], "t")).Int("duration"));
        }
    }

    [Fact]
    public async Task Every_acknowledged_command_survives_kill_9_and_roll_ups_reconcile_after_restart()
    {
        var cs = await postgres.CreateDatabaseAsync("crash");
        var host = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        var api = new PmoClient(host);
        await api.Import(DemoDocument(5));
        var export = await api.ExportJson();
        var tasks = export.Arr("projects")
            .SelectMany(p => p.Arr("tasks").Take(2).Select(t => (Project: p.Str("id"), Task: t.Str("id"), Duration: t.Int("duration"))))
            .ToList();

        // A stream of slips, one working day each, acknowledged one by one; the host dies in the middle of it.
        var acknowledged = new ConcurrentDictionary<(string, string), int>();
        var sent = new ConcurrentDictionary<(string, string), int>();
        var killAfter = 60;
        using var stream = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stream.Token }, async (i, ct) =>
        {
            var (project, task, _) = tasks[i % tasks.Count];
            sent.AddOrUpdate((project, task), 1, (_, n) => n + 1);
            try
            {
                using var response = await api.Post($"/api/projects/{project}/tasks/{task}/slip", new { days = 1 });
                if (response.StatusCode != HttpStatusCode.Accepted) return;
                if (acknowledged.AddOrUpdate((project, task), 1, (_, n) => n + 1) > 0 && acknowledged.Values.Sum() == killAfter)
                    await host.DisposeAsync(); // Process.Kill: SIGKILL, no shutdown of any kind
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The host is gone: not acknowledged.
            }
        });
        api.Dispose();
        Assert.True(acknowledged.Values.Sum() >= killAfter, $"only {acknowledged.Values.Sum()} slips were acknowledged before the kill");
        output.WriteLine($"acknowledged {acknowledged.Values.Sum()} of {sent.Values.Sum()} slips before kill -9");

        await using var restarted = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        using var again = new PmoClient(restarted);
        foreach (var ((project, task), count) in acknowledged)
        {
            var original = tasks.First(t => t.Project == project && t.Task == task).Duration;
            var now = (await again.TaskOf(project, task)).Int("duration");
            Assert.InRange(now, original + count, original + sent[(project, task)]);
        }

        // The restart's resync retells what lost one-way messages would have: wait until roll-ups match.
        await Eventually(async () => await RollupProblems(again), TimeSpan.FromSeconds(60));
    }

    /// <summary>Every portfolio's projectCount and eac equal the sums over the projects below it.</summary>
    internal static async Task<string?> RollupProblems(PmoClient api)
    {
        var export = await api.ExportJson();
        var parents = export.Arr("portfolios").ToDictionary(p => p.Str("id"), p => p.TryGetProperty("parentId", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);
        var eac = new Dictionary<string, decimal>();
        foreach (var project in export.Arr("projects"))
            eac[project.Str("id")] = (await api.Project(project.Str("id"))).GetProperty("eac").GetDecimal();
        var projectsBelow = parents.Keys.ToDictionary(p => p, _ => new List<string>());
        foreach (var project in export.Arr("projects"))
            for (var p = project.Str("portfolioId"); p is not null; p = parents.GetValueOrDefault(p))
                projectsBelow[p].Add(project.Str("id"));
        foreach (var portfolio in (await api.Get("/api/portfolios")).EnumerateArray())
        {
            var id = portfolio.Str("id");
            var expectedCount = projectsBelow[id].Count;
            var expectedEac = projectsBelow[id].Sum(p => eac[p]);
            if (portfolio.Int("projectCount") != expectedCount) return $"{id}: projectCount {portfolio.Int("projectCount")} != {expectedCount}";
            if (Math.Abs(portfolio.GetProperty("eac").GetDecimal() - expectedEac) > 0.01m * (expectedCount + 1))
                return $"{id}: eac {portfolio.GetProperty("eac").GetDecimal()} != {expectedEac}";
        }
        return null;
    }

    /// <summary>Retries a check that reports a problem (or null) until it passes or the deadline passes.</summary>
    internal static async Task Eventually(Func<Task<string?>> check, TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? problem;
        while ((problem = await check()) is not null)
        {
            if (clock.Elapsed > deadline) Assert.Fail($"Still not reconciled after {deadline.TotalSeconds:0} s: {problem}");
            await Task.Delay(200);
        }
    }

    /// <summary>What a PMO would compare: the export, every project, portfolio and resource, and the open alerts.</summary>
    private sealed record Snapshot
    {
        public string Export { get; init; } = "";
        public List<string> Projects { get; init; } = [];
        public string Portfolios { get; init; } = "";
        public List<string> Resources { get; init; } = [];
        public List<string> OpenAlerts { get; init; } = [];

        public static async Task<Snapshot> Take(PmoClient api)
        {
            var export = await api.ExportJson();
            var projects = new List<string>();
            foreach (var p in export.Arr("projects")) projects.Add((await api.Project(p.Str("id"))).GetRawText());
            var resources = new List<string>();
            foreach (var r in export.Arr("resources")) resources.Add((await api.Get($"/api/resources/{r.Str("id")}/load")).GetRawText());
            var latest = new Dictionary<string, JsonElement>();
            foreach (var alert in await api.AllAlerts("all")) latest[alert.Str("id")] = alert;
            return new Snapshot
            {
                Export = export.GetRawText(),
                Projects = projects,
                Portfolios = (await api.Get("/api/portfolios")).GetRawText(),
                Resources = resources,
                OpenAlerts = [.. latest.Values.Where(a => a.Str("state") != "resolved").Select(a => $"{a.Long("seq")}:{a.Str("id")}:{a.Str("message")}").Order()],
            };
        }
    }
}
