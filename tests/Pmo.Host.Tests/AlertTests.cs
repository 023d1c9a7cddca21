namespace Pmo.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class AlertTests(HostFixture fixture) : ApiTestBase(fixture)
{
    private static readonly string[] Fields =
        ["seq", "id", "kind", "severity", "state", "subject", "portfolioIds", "projectIds", "resourceIds", "message", "changeId", "at"];


    /// <summary>Raises, resolves and raises again a BudgetOverrun and raises a ScheduleSlip: four entries at least.</summary>
    private async Task<string> ProjectWithAnAlertHistory(string parentPortfolio = "")
    {
        var x = Doc.Prefix("alerts");
        var portfolios = parentPortfolio.Length == 0
            ? new[] { Doc.Portfolio(x + "pf") }
            : [Doc.Portfolio(x + "pf", parentId: parentPortfolio)];
        await Api.Import(Doc.Document(portfolios: portfolios,
            projects: [Doc.Project(x + "p", x + "pf", [Doc.Task("t1", 5, fixedCost: 10_000)], budget: 20_000)]));
        await Api.Command(HttpMethod.Put, $"/api/projects/{x}p/budget", new { budget = 5000 });
        await Api.Command(HttpMethod.Put, $"/api/projects/{x}p/budget", new { budget = 20_000 });
        await Api.Command(HttpMethod.Put, $"/api/projects/{x}p/budget", new { budget = 4000 });
        await Api.Command(HttpMethod.Post, $"/api/projects/{x}p/tasks/t1/slip", new { days = 2 });
        return x;
    }

    [Fact]
    public async Task The_alert_log_of_a_scope_is_oldest_first_with_strictly_increasing_seq_and_lastSeq_is_its_newest_entry()
    {
        var x = await ProjectWithAnAlertHistory();
        var page = await Api.Alerts($"?scope=project:{x}p");
        var items = page.Arr("items");
        Assert.True(items.Count >= 4, $"expected at least 4 entries (overrun raised, resolved, raised; slip raised): {page}");
        foreach (var item in items)
        {
            foreach (var field in Fields) Assert.True(item.TryGetProperty(field, out _), $"an alert lacks '{field}': {item}");
            Assert.Contains(x + "p", item.Strings("projectIds"));
            _ = item.Instant("at");
        }
        var seqs = items.Select(i => i.Long("seq")).ToList();
        Assert.True(seqs.Zip(seqs.Skip(1)).All(p => p.First < p.Second), $"seq must strictly increase: {string.Join(", ", seqs)}");
        Assert.Equal(seqs[^1], page.Long("lastSeq"));

        var overruns = items.Where(i => i.Str("kind") == "BudgetOverrun" && i.Str("subject") == $"project:{x}p").ToList();
        Assert.Equal(["raised", "resolved", "raised"], overruns.Select(o => o.Str("state")).ToArray());
        // The id stays the same from raised to resolved.
        Assert.Equal(overruns[0].Str("id"), overruns[1].Str("id"));
        Assert.Contains(items, i => i.Str("kind") == "ScheduleSlip" && i.Str("state") == "raised");
    }

    [Fact]
    public async Task The_after_parameter_pages_from_a_sequence_number_and_limit_caps_the_page_but_not_lastSeq()
    {
        var x = await ProjectWithAnAlertHistory();
        var scope = $"project:{x}p";
        var all = await Api.Alerts($"?scope={scope}");
        var seqs = all.Arr("items").Select(i => i.Long("seq")).ToList();
        var lastSeq = all.Long("lastSeq");

        var afterFirst = await Api.Alerts($"?scope={scope}&after={seqs[0]}");
        Assert.Equal(seqs.Skip(1), afterFirst.Arr("items").Select(i => i.Long("seq")));
        Assert.Equal(lastSeq, afterFirst.Long("lastSeq"));

        var limited = await Api.Alerts($"?scope={scope}&limit=2");
        Assert.Equal(seqs.Take(2), limited.Arr("items").Select(i => i.Long("seq")));
        Assert.Equal(lastSeq, limited.Long("lastSeq"));

        var pagedFromMiddle = await Api.Alerts($"?scope={scope}&after={seqs[1]}&limit=1");
        Assert.Equal(seqs[2], Assert.Single(pagedFromMiddle.Arr("items")).Long("seq"));

        var caughtUp = await Api.Alerts($"?scope={scope}&after={lastSeq}");
        Assert.Empty(caughtUp.Arr("items"));
        Assert.Equal(lastSeq, caughtUp.Long("lastSeq"));

        // Without a scope the log is "all", which holds this project's entries too.
        var everything = await Api.Alerts($"?after={seqs[0] - 1}");
        Assert.Equal(everything.Long("lastSeq"), (await Api.Alerts("?scope=all")).Long("lastSeq"));
        Assert.True(everything.Long("lastSeq") >= lastSeq);
        Assert.Contains(everything.Arr("items"), i => i.Long("seq") == seqs[0]);
    }

    [Fact]
    public async Task A_project_alert_belongs_to_the_scope_of_its_portfolio_and_of_every_portfolio_above_it()
    {
        var top = Doc.Prefix("top");
        await Api.Import(Doc.Document(portfolios: [Doc.Portfolio(top + "root")]));
        var x = await ProjectWithAnAlertHistory(parentPortfolio: top + "root");

        var own = (await Api.Alerts($"?scope=project:{x}p")).Arr("items").Select(i => i.Long("seq")).ToList();
        foreach (var scope in new[] { $"portfolio:{x}pf", $"portfolio:{top}root" })
        {
            var seqs = (await Api.Alerts($"?scope={scope}")).Arr("items").Select(i => i.Long("seq")).ToList();
            Assert.True(own.All(seqs.Contains), $"scope {scope} lacks some of the project's entries: project {string.Join(",", own)}; scope {string.Join(",", seqs)}");
        }
        Assert.True((await Api.Portfolio(top + "root")).Int("openAlerts") >= 2, "the root's openAlerts should count the open overrun and slip below it");
    }

    [Fact]
    public async Task A_portfolio_whose_subtree_eac_exceeds_its_budget_has_a_BudgetOverrun_that_follows_a_re_parent()
    {
        var x = Doc.Prefix("pfover");
        await Api.Import(Doc.Document(
            portfolios: [Doc.Portfolio(x + "top", budget: 3000), Doc.Portfolio(x + "low", parentId: x + "top")],
            projects: [Doc.Project(x + "p", x + "low", [Doc.Task("t1", 5, fixedCost: 5000)], budget: 10_000)]));
        var overrun = Assert.Single(Overruns(await Api.Alerts($"?scope=portfolio:{x}top"), $"portfolio:{x}top"));
        Assert.Equal("raised", overrun.Str("state"));
        Assert.Equal(1, (await Api.Portfolio(x + "top")).Int("openAlerts"));

        var reroot = await Api.Command(HttpMethod.Put, $"/api/portfolios/{x}low", new RawJson("""{ "parentId": null }"""));

        var overruns = Overruns(await Api.Alerts($"?scope=portfolio:{x}top"), $"portfolio:{x}top");
        Assert.Equal(["raised", "resolved"], overruns.Select(o => o.Str("state")).ToArray());
        Assert.Equal((overrun.Str("id"), reroot.ChangeId), (overruns[1].Str("id"), overruns[1].Str("changeId")));
        Assert.Equal(0, (await Api.Portfolio(x + "top")).Int("openAlerts"));
    }

    private static List<System.Text.Json.JsonElement> Overruns(System.Text.Json.JsonElement page, string subject) =>
        [.. page.Arr("items").Where(i => i.Str("kind") == "BudgetOverrun" && i.Str("subject") == subject)];

    [Theory]
    [InlineData("bogus")]
    [InlineData("project:")]
    [InlineData("team:x")]
    public async Task An_unknown_scope_is_refused_with_400_naming_scope(string scope)
    {
        using var response = await Api.Send(HttpMethod.Get, $"/api/alerts?scope={Uri.EscapeDataString(scope)}");
        await Api.AssertProblem(response, HttpStatusCode.BadRequest, "scope");
    }

    [Fact]
    public async Task A_change_reports_the_alerts_it_raised()
    {
        var x = Doc.Prefix("raised");
        await Api.Import(Doc.Simple(x, fixedCost: 10_000, budget: 20_000));
        var before = (await Api.Alerts("?scope=all")).Long("lastSeq");
        var change = await Api.Command(HttpMethod.Put, $"/api/projects/{x}p/budget", new { budget = 1000 });
        var raisedByChange = (await Api.Alerts($"?scope=all&after={before}")).Arr("items")
            .Count(i => i.Str("changeId") == change.ChangeId && i.Str("state") == "raised");
        Assert.True(raisedByChange >= 1);
        Assert.Equal(raisedByChange, change.Status.Int("alertsRaised"));
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    public async Task An_after_below_zero_or_a_limit_outside_1_to_10000_is_400_naming_the_parameter(string query, string field)
    {
        using var response = await Api.Send(HttpMethod.Get, $"/api/alerts?scope=all&{query}");
        await Api.AssertProblem(response, System.Net.HttpStatusCode.BadRequest, field);
    }
}
