using Microsoft.AspNetCore.SignalR;

namespace Pmo.Host.Tests;

/// <summary>
/// CONTRACT.md "Live push (SignalR)": the hub at /hubs/portfolio, driven by the real SignalR client over
/// WebSockets against the real host process. Every wait is on an event (an item arriving, a change
/// settling) with a deadline; nothing sleeps.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class HubTests(HostFixture fixture) : ApiTestBase(fixture)
{
    /// <summary>One project of one 5-day task costing 10,000 against a budget of 20,000: no alert until a command causes one.</summary>
    private static object Project(string id, string portfolioId) =>
        Doc.Project(id, portfolioId, [Doc.Task("t1", 5, fixedCost: 10_000)], budget: 20_000);

    private static bool Names(PushEvent alert, string portfolioId, string projectId) =>
        alert.Payload.Strings("portfolioIds").Contains(portfolioId)
        || alert.Payload.Strings("projectIds").Contains(projectId)
        || alert.Payload.Str("subject").Contains(projectId, StringComparison.Ordinal)
        || alert.Payload.Str("subject") == $"portfolio:{portfolioId}";

    [Fact]
    public async Task A_client_subscribed_to_portfolio_A_receives_As_alerts_and_none_of_Bs()
    {
        var x = Doc.Prefix("hub-scope");
        string a = x + "A", b = x + "B", pa = x + "pa", pb = x + "pb";
        await Api.Import(Doc.Document(portfolios: [Doc.Portfolio(a), Doc.Portfolio(b)], projects: [Project(pa, a), Project(pb, b)]));

        await using var onA = await PushClient.ConnectAsync(Host, $"subscriber of portfolio:{a}");
        await using var onAll = await PushClient.ConnectAsync(Host, "subscriber of all");
        await onA.Subscribe($"portfolio:{a}");
        await onAll.Subscribe("all");

        // A budget below eac raises a BudgetOverrun in each portfolio; B's first.
        var (bChange, _) = await Api.Accept(HttpMethod.Put, $"/api/projects/{pb}/budget", new { budget = 5000 });
        var (aChange, _) = await Api.Accept(HttpMethod.Put, $"/api/projects/{pa}/budget", new { budget = 5000 });
        await Api.WaitSettled(bChange);
        var aAlert = await onA.AlertOf(aChange);
        Assert.Equal(("BudgetOverrun", "raised", $"project:{pa}"), (aAlert.Payload.Str("kind"), aAlert.Payload.Str("state"), aAlert.Payload.Str("subject")));
        Assert.Contains(a, aAlert.Payload.Strings("portfolioIds"));

        // B's alert was pushed: the "all" subscriber has it, and B's change has settled there.
        await onAll.SettledOf(bChange);
        var bAlert = await onAll.AlertOf(bChange);
        Assert.Equal(("BudgetOverrun", $"project:{pb}"), (bAlert.Payload.Str("kind"), bAlert.Payload.Str("subject")));

        // One more alert of A, after B's in the log: a host delivers a connection's alerts in seq order,
        // so once it arrives anything of B that was going to reach the A subscriber would have.
        var sentinel = await Api.Command(HttpMethod.Post, $"/api/projects/{pa}/tasks/t1/slip", new { days = 2 });
        var sentinelAlert = await onA.AlertOf(sentinel.ChangeId);
        Assert.True(sentinelAlert.Seq > bAlert.Seq, $"the sentinel alert {sentinelAlert} should come after B's {bAlert} in the log");

        var foreign = onA.Alerts.Where(e => Names(e, b, pb)).ToList();
        Assert.True(foreign.Count == 0, $"The subscriber of portfolio:{a} received alerts of portfolio {b}:{Environment.NewLine}{string.Join(Environment.NewLine, foreign)}");
        foreach (var alert in onA.Alerts)
            Assert.Contains(a, alert.Payload.Strings("portfolioIds"));
    }

    [Fact]
    public async Task A_slip_raises_the_alert_with_its_changeId_on_the_subscribed_client_followed_by_changeSettled()
    {
        var x = Doc.Prefix("hub-slip");
        await Api.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "pf")], projects: [Project(x + "p", x + "pf")]));
        await using var client = await PushClient.ConnectAsync(Host, $"subscriber of project:{x}p");
        await client.Subscribe($"project:{x}p");

        var slip = await Api.Command(HttpMethod.Post, $"/api/projects/{x}p/tasks/t1/slip", new { days = 3, reason = "vendor late" });

        var alert = await client.AlertOf(slip.ChangeId);
        var settled = await client.SettledOf(slip.ChangeId);
        Assert.Equal(("ScheduleSlip", "raised", $"project:{x}p"), (alert.Payload.Str("kind"), alert.Payload.Str("state"), alert.Payload.Str("subject")));
        foreach (var field in new[] { "seq", "id", "kind", "severity", "state", "subject", "portfolioIds", "projectIds", "resourceIds", "message", "changeId", "at" })
            Assert.True(alert.Payload.TryGetProperty(field, out _), $"the pushed alert lacks '{field}': {alert}");
        Assert.Contains(x + "p", alert.Payload.Strings("projectIds"));
        Assert.True(alert.Index < settled.Index, $"changeSettled arrived before the change's alert:{Environment.NewLine}{client.Describe()}");

        // changeSettled carries what GET /api/changes/{id} says.
        Assert.Equal(slip.Status.Int("alertsRaised"), settled.Payload.Int("alertsRaised"));
        Assert.True(settled.Payload.Int("alertsRaised") >= 1, $"the slip raised an alert: {settled}");
        Assert.Equal(slip.Status.Int("grainsTouched"), settled.Payload.Int("grainsTouched"));
        _ = settled.Payload.Instant("settledAt");
        Assert.Equal(slip.Status.Long("alertsRaised"), (await Api.Get($"/api/changes/{slip.ChangeId}")).Long("alertsRaised"));

        // The alert is the log's entry for that change.
        var logged = (await Api.AllAlerts($"project:{x}p")).Single(e => e.Str("changeId") == slip.ChangeId);
        Assert.Equal((logged.Long("seq"), logged.Str("id")), (alert.Seq, alert.Payload.Str("id")));
    }

    [Fact]
    public async Task Subscribe_with_one_argument_sends_live_alerts_of_the_scope_and_no_logged_ones()
    {
        var x = Doc.Prefix("hub-one");
        await Api.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "pf")], projects: [Project(x + "p", x + "pf")]));
        await Api.Command(HttpMethod.Put, $"/api/projects/{x}p/budget", new { budget = 5000 });
        var loggedBefore = await Api.LastSeq($"project:{x}p");
        Assert.True(loggedBefore > 0, "the overrun should be in the log before the client subscribes");

        await using var client = await PushClient.ConnectAsync(Host, $"subscriber of project:{x}p");
        await client.Subscribe($"project:{x}p"); // Subscribe(scope): one argument, as CONTRACT.md names it

        var slip = await Api.Command(HttpMethod.Post, $"/api/projects/{x}p/tasks/t1/slip", new { days = 1 });
        var live = await client.AlertOf(slip.ChangeId);
        await client.SettledOf(slip.ChangeId);
        Assert.Equal("ScheduleSlip", live.Payload.Str("kind"));
        Assert.True(live.Seq > loggedBefore);
        var replayed = client.Alerts.Where(a => a.Seq <= loggedBefore).ToList();
        Assert.True(replayed.Count == 0, $"Subscribe(scope) without afterSeq sends only live alerts, yet these logged ones came:{Environment.NewLine}{string.Join(Environment.NewLine, replayed)}");
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("project:does-not-exist")]
    [InlineData("portfolio:does-not-exist")]
    [InlineData("resource:does-not-exist")]
    [InlineData("task:p/t1")]
    [InlineData("project:")]
    [InlineData("")]
    public async Task Subscribe_to_an_unknown_or_malformed_scope_throws_a_HubException_naming_the_scope(string scope)
    {
        await using var client = await PushClient.ConnectAsync(Host, "subscriber of a bad scope");

        var one = await Assert.ThrowsAsync<HubException>(() => client.Subscribe(scope));
        var two = await Assert.ThrowsAsync<HubException>(() => client.Subscribe(scope, 0));
        foreach (var error in new[] { one, two })
        {
            Assert.Contains($"'{scope}'", error.Message, StringComparison.Ordinal);
            Assert.Contains("scope", error.Message, StringComparison.OrdinalIgnoreCase);
        }

        // The refusal leaves the connection usable.
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, client.Connection.State);
        await client.Subscribe("all");
    }

    [Fact]
    public async Task Subscribe_with_a_negative_afterSeq_throws_a_HubException()
    {
        var x = Doc.Prefix("hub-neg");
        await Api.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "pf")], projects: [Project(x + "p", x + "pf")]));
        await using var client = await PushClient.ConnectAsync(Host, "subscriber with afterSeq -1");
        var error = await Assert.ThrowsAsync<HubException>(() => client.Subscribe($"project:{x}p", -1));
        Assert.Contains("afterSeq", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_the_last_seq_it_saw_receives_exactly_the_missed_alerts_in_order_then_live_ones()
    {
        var x = Doc.Prefix("hub-resume");
        string pf = x + "pf", p1 = x + "p1", p2 = x + "p2";
        var scope = $"portfolio:{pf}";
        await Api.Import(Doc.Document(portfolios: [Doc.Portfolio(pf)], projects: [Project(p1, pf), Project(p2, pf)]));

        // Connected: two alerts arrive.
        long lastSeen;
        await using (var first = await PushClient.ConnectAsync(Host, $"first connection on {scope}"))
        {
            await first.Subscribe(scope);
            var slip = await Api.Command(HttpMethod.Post, $"/api/projects/{p1}/tasks/t1/slip", new { days = 2 });
            var overrun = await Api.Command(HttpMethod.Put, $"/api/projects/{p1}/budget", new { budget = 5000 });
            await first.AlertOf(slip.ChangeId);
            await first.AlertOf(overrun.ChangeId);
            await first.SettledOf(overrun.ChangeId);
            lastSeen = first.Alerts.Max(a => a.Seq);
            await first.StopAsync();
        }

        // Disconnected: the slip worsens twice (two updates of one alert), p2 slips and overruns, p1's overrun is cured.
        var missedChanges = new List<string>();
        foreach (var (method, path, body) in new (HttpMethod, string, object)[]
        {
            (HttpMethod.Post, $"/api/projects/{p1}/tasks/t1/slip", new { days = 1 }),
            (HttpMethod.Post, $"/api/projects/{p1}/tasks/t1/slip", new { days = 1 }),
            (HttpMethod.Post, $"/api/projects/{p2}/tasks/t1/slip", new { days = 3 }),
            (HttpMethod.Put, $"/api/projects/{p2}/budget", new { budget = 5000 }),
            (HttpMethod.Put, $"/api/projects/{p1}/budget", new { budget = 20_000 }),
            (HttpMethod.Post, $"/api/projects/{p2}/tasks/t1/slip", new { days = -1 }),
        })
            missedChanges.Add((await Api.Command(method, path, body)).ChangeId);

        var missed = await Api.AllAlerts(scope, lastSeen);
        Assert.True(missed.Count >= missedChanges.Count, $"each missed change should have logged an entry of {scope}: {string.Join(", ", missed.Select(JsonElementReading.Short))}");

        await using var second = await PushClient.ConnectAsync(Host, $"second connection on {scope}");
        await second.Subscribe(scope, lastSeen);
        await second.TryWaitFor(e => e.Seq == missed[^1].Long("seq"), PushClient.DefaultDeadline); // reported below when missing

        var replayed = second.Alerts.Select(a => a.Seq).ToList();
        var expected = missed.Select(e => e.Long("seq")).ToList();

        // One more alert: it arrives live after the replay, and nothing arrives twice.
        var more = await Api.Command(HttpMethod.Post, $"/api/projects/{p2}/tasks/t1/slip", new { days = 4 });
        var live = await second.AlertOf(more.ChangeId);
        await second.SettledOf(more.ChangeId);
        var all = second.Alerts.Select(a => a.Seq).ToList();

        Assert.True(expected.SequenceEqual(replayed),
            $"Subscribe({scope}, {lastSeen}) should send exactly the logged entries after {lastSeen}, in order.{Environment.NewLine}" +
            $"expected seqs {string.Join(",", expected)}{Environment.NewLine}received seqs {string.Join(",", replayed)}{Environment.NewLine}" +
            $"missing: {string.Join(Environment.NewLine + "  ", missed.Where(e => !replayed.Contains(e.Long("seq"))).Select(JsonElementReading.Short))}{Environment.NewLine}{second.Describe()}");
        Assert.True(live.Seq > expected[^1]);
        Assert.Equal(expected.Concat((await Api.AllAlerts(scope, expected[^1])).Select(e => e.Long("seq"))).ToList(), all);
    }

    /// <summary>
    /// The resync path of CONTRACT.md: a client reads GET /api/alerts and calls Subscribe(scope, lastSeq) with
    /// the newest seq it read, while the change that logs them is still pushing. It must then receive exactly
    /// the scope's entries after lastSeq, in order: none it already read, none twice, none missing. Each round
    /// raises a BudgetOverrun in each of 30 projects with one import (one entry per alert id, so nothing may
    /// merge) and subscribes as soon as the log shows the first of them. The hand-over is a race inside the
    /// host, so the test runs up to 12 rounds and stops at the first that goes wrong.
    /// </summary>
    [Fact]
    public async Task Subscribe_with_afterSeq_while_alerts_stream_in_has_no_gap_and_no_duplicate_between_replay_and_live()
    {
        const int Rounds = 12, Projects = 30;
        var problems = new List<string>();
        for (var round = 0; round < Rounds && problems.Count == 0; round++)
        {
            var x = Doc.Prefix($"hub-stream{round}");
            var pf = x + "pf";
            var scope = $"portfolio:{pf}";
            var ids = Enumerable.Range(0, Projects).Select(i => $"{x}p{i}").ToArray();
            object Projects_(decimal budget) => Doc.Document(portfolios: [Doc.Portfolio(pf)],
                projects: [.. ids.Select(id => Doc.Project(id, pf, [Doc.Task("t1", 5, fixedCost: 10_000)], budget: budget))]);
            await Api.Import(Projects_(20_000));
            await using var client = await PushClient.ConnectAsync(Host, $"round {round}: client resuming {scope}");

            var (overruns, _) = await Api.Accept(HttpMethod.Post, "/api/import", Projects_(5000));
            long after;
            var polling = System.Diagnostics.Stopwatch.StartNew();
            while ((after = await Api.LastSeq(scope)) == 0)
                Assert.True(polling.Elapsed < TimeSpan.FromSeconds(15), $"no alert of {scope} was logged within 15 s of the import");
            await client.Subscribe(scope, after);
            await Api.WaitSettled(overruns);

            var expected = (await Api.AllAlerts(scope, after)).Select(e => e.Long("seq")).ToList();
            var newest = await Api.LastSeq(scope);
            if (newest > after) await client.TryWaitFor(e => e.Seq >= newest, PushClient.DefaultDeadline); // reported below when missing
            // Anything more that was going to come has come: a sentinel after the last entry.
            var sentinel = await Api.Command(HttpMethod.Post, $"/api/projects/{ids[0]}/tasks/t1/slip", new { days = 1 });
            var sentinelSeq = (await client.AlertOf(sentinel.ChangeId)).Seq;
            expected.Add(sentinelSeq);
            var received = client.Alerts.Select(a => a.Seq).ToList();
            if (expected.SequenceEqual(received)) continue;
            problems.Add($"round {round}: Subscribe({scope}, {after}) should send the entries after {after} exactly once, in order.{Environment.NewLine}" +
                $"  expected {string.Join(",", expected)}{Environment.NewLine}  received {string.Join(",", received)}{Environment.NewLine}" +
                $"  at or before afterSeq (the client read them already): {string.Join(",", received.Where(s => s <= after))}; " +
                $"sent twice: {string.Join(",", received.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key))}; " +
                $"missing: {string.Join(",", expected.Except(received))}");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
