using System.Diagnostics;

namespace Pmo.Host.Tests;

/// <summary>
/// CONTRACT.md "Live push": alerts go out batched ("an alert, or an array of them when batched"). The host
/// also merges repeated updates of one alert id within its batch window, so a client need not see every
/// intermediate entry; what it must end with is each alert's final state as the log has it.
/// </summary>
[Collection(PushLoadCollection.Name)]
public sealed class PushBurstTests(PushHostFixture fixture, ITestOutputHelper output) : ApiTestBase(fixture)
{
    private const int Changes = 1000;
    private const int Projects = 20;
    private const int Parallelism = 16;

    [Fact]
    public async Task A_burst_of_1000_changes_reaches_a_subscriber_in_far_fewer_messages_with_every_alerts_final_state()
    {
        var x = Doc.Prefix("push-burst");
        string root = x + "root", left = x + "left", right = x + "right";
        var ids = Enumerable.Range(0, Projects).Select(i => $"{x}p{i:00}").ToArray();
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(root), Doc.Portfolio(left, parentId: root), Doc.Portfolio(right, parentId: root)],
            projects: [.. ids.Select((id, i) => Doc.Project(id, i % 2 == 0 ? left : right,
                [Doc.Task("t1", 10, fixedCost: 10_000), Doc.Task("t2", 5, fixedCost: 5000)],
                [Doc.Link("t1", "t2")], budget: 50_000))]));

        // The root's scope covers both sub-portfolios.
        var scope = $"portfolio:{root}";
        var startSeq = await Api.LastSeq(scope);
        await using var client = await PushClient.ConnectAsync(Host, $"subscriber of {scope}");
        await client.Subscribe(scope);

        var clock = Stopwatch.StartNew();
        var changeIds = new string[Changes];
        await Parallel.ForEachAsync(Enumerable.Range(0, Changes), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var (method, path, body) = CommandFor(ids, i);
            changeIds[i] = (await Api.Accept(method, path, body)).ChangeId;
        });
        var acceptedIn = clock.Elapsed;
        await Parallel.ForEachAsync(changeIds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (id, _) => await Api.WaitSettled(id));
        var settledIn = clock.Elapsed;

        var lastSeq = await Api.LastSeq(scope);
        Assert.True(lastSeq > startSeq, "the burst should have logged alerts");
        var last = await client.TryWaitFor(e => e.Type == PushClient.AlertEvent && e.Seq >= lastSeq, TimeSpan.FromSeconds(30));
        var deliveredIn = clock.Elapsed;

        var log = await Api.AllAlerts(scope, startSeq, pageSize: 250);
        var received = client.Alerts;
        var messages = client.MessagesOf(PushClient.AlertEvent);
        var resyncs = client.Events.Where(e => e.Type == PushClient.ResyncEvent).ToList();

        output.WriteLine($"{Changes} changes over {Projects} projects, {Parallelism} at a time: accepted in {acceptedIn.TotalSeconds:0.00} s, settled in {settledIn.TotalSeconds:0.00} s, last alert pushed at {deliveredIn.TotalSeconds:0.00} s");
        output.WriteLine($"alert log entries of {scope} during the burst: {log.Count} ({log.Select(e => e.Str("id")).Distinct().Count()} alert ids; raised {log.Count(e => e.Str("state") == "raised")}, updated {log.Count(e => e.Str("state") == "updated")}, resolved {log.Count(e => e.Str("state") == "resolved")})");
        output.WriteLine($"SignalR 'alert' messages received: {messages}, carrying {received.Count} alert entries; resync messages: {resyncs.Count}");
        output.WriteLine($"entries per message: {(messages == 0 ? 0 : (double)received.Count / messages):0.0}; messages / log entries: {(log.Count == 0 ? 0 : (double)messages / log.Count):0.000}");

        Assert.True(last is not null, $"the newest entry of {scope} (seq {lastSeq}) never reached the client.{Environment.NewLine}{client.Describe()}");

        // The client's view: the newest entry it saw of each alert id; a resync (if any) is honoured by
        // reading the log from where it says, as CONTRACT.md tells a client to.
        var seen = received.Select(e => e.Payload).ToList();
        foreach (var resync in resyncs)
            seen.AddRange(await Api.AllAlerts(resync.Payload.Str("scope"), resync.Payload.Long("afterSeq")));
        var clientFinal = seen.Where(e => e.Long("seq") > startSeq).GroupBy(e => e.Str("id")).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Long("seq")));
        var logFinal = log.GroupBy(e => e.Str("id")).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Long("seq")));

        var problems = new List<string>();
        foreach (var (id, final) in logFinal)
        {
            if (!clientFinal.TryGetValue(id, out var mine)) problems.Add($"never received alert {id}; the log ends it with {JsonElementReading.Short(final)}");
            else if (mine.Long("seq") != final.Long("seq") || mine.Str("state") != final.Str("state"))
                problems.Add($"alert {id}: the client's last entry is seq {mine.Long("seq")} {mine.Str("state")}, the log's is seq {final.Long("seq")} {final.Str("state")}");
        }
        foreach (var id in clientFinal.Keys.Where(id => !logFinal.ContainsKey(id)))
            problems.Add($"received alert {id}, which the log of {scope} does not hold: {JsonElementReading.Short(clientFinal[id])}");
        Assert.True(problems.Count == 0, $"{problems.Count} alert(s) end differently on the client than in GET /api/alerts?scope={scope}:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(40))}");

        // Live delivery keeps the log's order and sends nothing twice.
        var seqs = received.Select(e => e.Seq).ToList();
        var disorder = seqs.Zip(seqs.Skip(1)).Where(p => p.First >= p.Second).Take(20).ToList();
        Assert.True(disorder.Count == 0, $"alerts arrived out of seq order or twice: {string.Join(", ", disorder.Select(p => $"{p.First} then {p.Second}"))}");

        Assert.True(messages < log.Count, $"{messages} 'alert' messages for {log.Count} log entries: the burst was not batched");

        // Every change whose alert the client received is followed by its changeSettled.
        var alerted = received.Select(e => e.ChangeId!).Distinct().ToList();
        var waitSettled = Stopwatch.StartNew();
        var unsettled = new List<string>();
        foreach (var changeId in alerted)
        {
            var remaining = TimeSpan.FromSeconds(10) - waitSettled.Elapsed;
            if (await client.TryWaitFor(e => e.Type == PushClient.SettledEvent && e.ChangeId == changeId, remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1)) is null)
                unsettled.Add(changeId);
        }
        output.WriteLine($"changeSettled: received for {client.Events.Where(e => e.Type == PushClient.SettledEvent).Select(e => e.ChangeId).Distinct().Count()} of {Changes} changes; missing for {unsettled.Count} of the {alerted.Count} changes whose alerts the client received");
        Assert.True(unsettled.Count == 0, $"{unsettled.Count} change(s) whose alert reached the client never got their changeSettled there: {string.Join(", ", unsettled.Take(20))}");
    }

    /// <summary>Rounds of 20 commands, one per project, cycling through slips, progress and budget changes
    /// that raise, worsen and cure ScheduleSlip, CostPerformance and BudgetOverrun again and again.</summary>
    private static (HttpMethod, string, object) CommandFor(string[] ids, int i)
    {
        var project = ids[i % ids.Length];
        var round = i / ids.Length;
        return (round % 4) switch
        {
            0 => (HttpMethod.Post, $"/api/projects/{project}/tasks/t1/slip", new { days = round % 8 == 0 ? -2 : 1, reason = "burst" }),
            1 => (HttpMethod.Post, $"/api/projects/{project}/tasks/t1/progress", new { percentComplete = (round * 7) % 100, actualCost = 1000 + (round * 1237) % 15_000 }),
            2 => (HttpMethod.Put, $"/api/projects/{project}/budget", new { budget = (round / 4) % 3 == 0 ? 8000 + round : 60_000 + round }),
            _ => (HttpMethod.Post, $"/api/projects/{project}/tasks/t2/slip", new { days = (round / 4) % 2 == 0 ? 2 : -1 }),
        };
    }
}
