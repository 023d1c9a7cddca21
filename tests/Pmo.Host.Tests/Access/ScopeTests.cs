namespace Pmo.Host.Tests.Access;

/// <summary>
/// A portfolio manager of <c>a</c> sees <c>a</c> and what is below it, nothing else — on lists, alert reads,
/// resource loads, changes and the hub — while pmo, reading the same host, proves there was something outside
/// to leak. Commands that would reach outside are refused as unknown ids and change nothing.
/// </summary>
[Collection(SecuredHostCollection.Name)]
public sealed class ScopeTests(SecuredHostFixture fixture)
{
    private PmoClient Pmo => fixture.Pmo;

    [Fact]
    public async Task A_managers_portfolio_list_holds_only_their_subtree()
    {
        var w = await AccessWorld.Create(Pmo, "list");
        using var manager = fixture.As(w.Manager);
        var everything = (await Pmo.Get("/api/portfolios")).EnumerateArray().Select(p => p.Str("id")).ToHashSet();
        Assert.Superset(new HashSet<string> { w.Root, w.Out, w.OutEmpty, w.In, w.InEmpty }, everything);
        var theirs = (await manager.Get("/api/portfolios")).EnumerateArray().Select(p => p.Str("id")).ToHashSet();
        Assert.Equal(new HashSet<string> { w.In, w.InEmpty }, theirs);
        Assert.Equal(HttpStatusCode.NotFound, await manager.StatusOf($"/api/portfolios/{w.Root}"));
        // Their grant's parent is above their scope: to them it is a root.
        Assert.Equal(w.Root, (await Pmo.Portfolio(w.In)).OptStr("parentId"));
        Assert.Null((await manager.Get($"/api/portfolios/{w.In}")).OptStr("parentId"));
        Assert.Equal(w.In, (await manager.Get($"/api/portfolios/{w.InEmpty}")).OptStr("parentId"));
        Assert.Equal(HttpStatusCode.NotFound, await manager.StatusOf($"/api/projects/{w.OutProject}"));
        Assert.Equal(HttpStatusCode.OK, await manager.StatusOf($"/api/projects/{w.InProject}"));
    }

    [Fact]
    public async Task A_managers_alert_reads_hold_only_alerts_of_their_scope_with_outside_ids_left_out()
    {
        var w = await AccessWorld.Create(Pmo, "alerts");
        // The world's cross link starts the outside project's t1 after the inside project's t2, so the shared
        // resource is over-booked only while that link's dates are on their way: whether a conflict is ever
        // logged would depend on message order. Without the link both t1s run at once, a conflict naming both
        // projects for as long as the test reads.
        await Pmo.Command(HttpMethod.Delete, "/api/crosslinks", new { fromProject = w.InProject, fromTask = "t2", toProject = w.OutProject, toTask = "t1", type = "FS", lag = 0 });
        await Pmo.Command(HttpMethod.Put, $"/api/projects/{w.OutProject}/budget", new { budget = 1 });
        using var manager = fixture.As(w.Manager);

        var all = await Pmo.AllAlerts("all");
        Assert.Contains(all, a => a.Arr("projectIds").Any(p => p.GetString() == w.OutProject) && a.Str("kind") == "BudgetOverrun");
        var conflict = all.Last(a => a.Str("kind") == "ResourceConflict" && a.Arr("resourceIds").Any(r => r.GetString() == w.Resource));
        Assert.Contains(w.OutProject, conflict.Arr("projectIds").Select(p => p.GetString()));

        var theirs = await manager.AllAlerts("all");
        Assert.NotEmpty(theirs);
        Assert.All(theirs, a => Assert.DoesNotContain(w.Out, Ids(a)));
        Assert.All(theirs, a => Assert.DoesNotContain(w.OutProject, Ids(a)));
        var theirConflict = theirs.Single(a => a.Long("seq") == conflict.Long("seq"));
        Assert.Equal([w.InProject], theirConflict.Arr("projectIds").Select(p => p.GetString()!));
        Assert.Equal([w.In], theirConflict.Arr("portfolioIds").Select(p => p.GetString()!));

        // Scopes outside read as unknown ones: empty.
        Assert.Empty((await manager.Alerts($"?scope=portfolio:{w.Out}")).Arr("items"));
        Assert.Empty((await manager.Alerts($"?scope=project:{w.OutProject}")).Arr("items"));
        Assert.NotEmpty((await Pmo.Alerts($"?scope=project:{w.OutProject}")).Arr("items"));
        var lastSeq = (await manager.Alerts("?scope=all&limit=1")).Long("lastSeq");
        Assert.Equal(theirs.Max(a => a.Long("seq")), lastSeq);
    }

    [Fact]
    public async Task A_resource_load_names_only_the_projects_the_caller_may_see()
    {
        var w = await AccessWorld.Create(Pmo, "load");
        using var viewer = fixture.As(w.Viewer);
        var whole = await Pmo.Get($"/api/resources/{w.Resource}/load");
        var everyone = whole.Arr("days").SelectMany(d => d.Arr("projects")).Select(p => p.GetString()).ToHashSet();
        Assert.Contains(w.OutProject, everyone);
        var load = await viewer.Get($"/api/resources/{w.Resource}/load");
        var theirs = load.Arr("days").SelectMany(d => d.Arr("projects")).Select(p => p.GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { w.InProject }, theirs);
        // The load itself is the whole resource's, days when only an unseen project works on it included.
        Assert.Equal(whole.Arr("days").Select(d => d.Dec("load")), load.Arr("days").Select(d => d.Dec("load")));
    }

    [Fact]
    public async Task A_change_outside_the_scope_answers_404_and_one_inside_names_who_sent_it()
    {
        var w = await AccessWorld.Create(Pmo, "changes");
        using var manager = fixture.As(w.Manager);
        var outside = await Pmo.Command(HttpMethod.Post, $"/api/projects/{w.OutProject}/tasks/t1/slip", new { days = 1 });
        var inside = await manager.Command(HttpMethod.Post, $"/api/projects/{w.InProject}/tasks/t1/slip", new { days = 1 });
        Assert.Equal(HttpStatusCode.NotFound, await manager.StatusOf($"/api/changes/{outside.ChangeId}"));
        Assert.Equal("ana", inside.Status.Str("by"));
        Assert.Equal("boss", (await Pmo.Get($"/api/changes/{outside.ChangeId}")).Str("by"));
    }

    [Fact]
    public async Task A_cross_link_or_a_move_reaching_outside_is_refused_as_an_unknown_id_and_changes_nothing()
    {
        var w = await AccessWorld.Create(Pmo, "reach");
        using var manager = fixture.As(w.Manager);
        var before = await Pmo.Export();
        await Refused(manager, HttpMethod.Post, "/api/crosslinks",
            new { fromProject = w.InProject, fromTask = "t1", toProject = w.OutProject, toTask = "t2" }, HttpStatusCode.BadRequest, "toProject");
        await Refused(manager, HttpMethod.Delete, "/api/crosslinks",
            new { fromProject = w.InProject, fromTask = "t2", toProject = w.OutProject, toTask = "t1" }, HttpStatusCode.BadRequest, "toProject");
        await Refused(manager, HttpMethod.Post, $"/api/projects/{w.InProject}/move", new { portfolioId = w.Out }, HttpStatusCode.BadRequest, "portfolioId");
        await Refused(manager, HttpMethod.Post, $"/api/projects/{w.OutProject}/move", new { portfolioId = w.In }, HttpStatusCode.NotFound);
        await Refused(manager, HttpMethod.Put, $"/api/portfolios/{w.InEmpty}", new { parentId = w.Out }, HttpStatusCode.BadRequest, "parentId");
        await Refused(manager, HttpMethod.Put, $"/api/portfolios/{w.X}new", new { name = "New", parentId = w.Root }, HttpStatusCode.BadRequest, "parentId");
        await Refused(manager, HttpMethod.Put, $"/api/portfolios/{w.X}new", new { name = "New" }, HttpStatusCode.Forbidden);
        await Refused(manager, HttpMethod.Put, $"/api/portfolios/{w.In}", new RawJson("{\"parentId\": null}"), HttpStatusCode.Forbidden);
        Assert.Equal(before, await Pmo.Export());

        // The same manager inside their scope is not refused.
        await manager.Command(HttpMethod.Post, "/api/crosslinks", new { fromProject = w.InProject, fromTask = "t1", toProject = w.InProject2, toTask = "t2" });
        await manager.Command(HttpMethod.Put, $"/api/portfolios/{w.X}sub", new { name = "Sub", parentId = w.InEmpty });
        await manager.Command(HttpMethod.Post, $"/api/projects/{w.InProject2}/move", new { portfolioId = w.X + "sub" });
    }

    [Fact]
    public async Task A_managers_hub_subscription_holds_only_their_scope()
    {
        var w = await AccessWorld.Create(Pmo, "hub");
        await using var boss = await PushClient.ConnectAsync(fixture.Host, "pmo", Tokens.Pmo());
        await using var ana = await PushClient.ConnectAsync(fixture.Host, "manager", w.Manager);
        await boss.Subscribe("all");
        await ana.Subscribe("all");
        await ana.Subscribe($"portfolio:{w.In}");
        foreach (var outside in new[] { $"portfolio:{w.Out}", $"portfolio:{w.Root}", $"project:{w.OutProject}" })
        {
            var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => ana.Subscribe(outside));
            Assert.Contains("Unknown scope", error.Message, StringComparison.Ordinal);
        }

        var outsideChange = await Pmo.Command(HttpMethod.Put, $"/api/projects/{w.OutProject}/budget", new { budget = 1 });
        await boss.AlertOf(outsideChange.ChangeId);
        var insideChange = await Pmo.Command(HttpMethod.Put, $"/api/projects/{w.InProject}/budget", new { budget = 1 });
        await ana.AlertOf(insideChange.ChangeId);
        await ana.SettledOf(insideChange.ChangeId);

        var leaked = ana.Events.Where(e =>
            e.ChangeId == outsideChange.ChangeId
            || Text(e.Payload).Contains($"\"{w.OutProject}\"", StringComparison.Ordinal)
            || Text(e.Payload).Contains($"\"{w.Out}\"", StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, $"The manager received what is outside their scope:{Environment.NewLine}{string.Join(Environment.NewLine, leaked)}");
        Assert.Contains(boss.Events, e => e.ChangeId == outsideChange.ChangeId);
    }

    private async Task Refused(PmoClient client, HttpMethod method, string path, object body, HttpStatusCode status, params string[] fields)
    {
        using var response = await client.Send(method, path, body);
        await client.AssertProblem(response, status, fields);
    }

    private static string Text(JsonElement element) => element.GetRawText();

    private static IEnumerable<string> Ids(JsonElement alert) =>
        alert.Arr("portfolioIds").Concat(alert.Arr("projectIds")).Select(p => p.GetString()!);
}
