namespace Pmo.Host.Tests.Access;

/// <summary>Every command request that reaches the service is in the audit, accepted or refused, signed in or not.</summary>
[Collection(SecuredHostCollection.Name)]
public sealed class AuditTests(SecuredHostFixture fixture)
{
    [Fact]
    public async Task Accepted_refused_and_anonymous_commands_are_audited_with_who_what_and_how_it_ended()
    {
        var w = await AccessWorld.Create(fixture.Pmo, "audit");
        var after = (await fixture.Pmo.Get("/api/audit?limit=1")).Long("lastSeq");
        using var manager = fixture.As(w.Manager);
        using var viewer = fixture.As(w.Viewer);
        using var anonymous = fixture.As(null!);

        var accepted = await manager.Command(HttpMethod.Post, $"/api/projects/{w.InProject}/tasks/t1/slip", new { days = 2 });
        (await viewer.Send(HttpMethod.Post, $"/api/projects/{w.InProject}/tasks/t1/slip", new { days = 2 })).Dispose();
        (await manager.Send(HttpMethod.Put, $"/api/projects/{w.OutProject}/budget", new { budget = 1 })).Dispose();
        (await manager.Send(HttpMethod.Put, $"/api/projects/{w.InProject}/budget", new RawJson("{\"budget\": \"lots\"}"))).Dispose();
        (await anonymous.Send(HttpMethod.Delete, $"/api/portfolios/{w.InEmpty}")).Dispose();
        (await manager.Send(HttpMethod.Post, "/api/import", Doc.Document())).Dispose();
        Assert.Equal(HttpStatusCode.OK, await manager.StatusOf($"/api/projects/{w.InProject}"));

        var entries = (await fixture.Pmo.Get($"/api/audit?after={after}")).Arr("items");
        Expect(entries, "ana", "slip", $"task:{w.InProject}/t1", 202, accepted.ChangeId);
        Expect(entries, "vic", "slip", $"task:{w.InProject}/t1", 403, null);
        Expect(entries, "ana", "budget", $"project:{w.OutProject}", 404, null);
        Expect(entries, "ana", "budget", $"project:{w.InProject}", 400, null);
        Expect(entries, null, "deletePortfolio", $"portfolio:{w.InEmpty}", 401, null);
        Expect(entries, "ana", "import", "import", 403, null);
        Assert.Equal(6, entries.Count);
        Assert.All(entries, e => Assert.True(e.Long("seq") > after));
        Assert.Equal(["portfolio-manager"], entries[0].Arr("roles").Select(r => r.GetString()!));
        Assert.Empty(entries.Single(e => e.OptStr("sub") is null).Arr("roles"));

        Assert.Equal(HttpStatusCode.Forbidden, await manager.StatusOf("/api/audit"));
    }

    internal static void Expect(List<JsonElement> entries, string? sub, string action, string target, int status, string? changeId) =>
        Assert.True(entries.Any(e => e.OptStr("sub") == sub && e.Str("action") == action && e.Str("target") == target
                && e.Int("status") == status && e.OptStr("changeId") == changeId && e.OptStr("at") is not null),
            $"No audit entry sub={sub} action={action} target={target} status={status} changeId={changeId} in:{Environment.NewLine}{string.Join(Environment.NewLine, entries.Select(e => e.GetRawText()))}");
}

/// <summary>Past the per-caller rate, commands answer 429 with Retry-After; the refusals are audited; queries are not limited.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Commands_past_the_per_caller_rate_answer_429_with_Retry_After_and_are_audited()
    {
        await using var host = await HostProcess.StartAsync(["--no-demo", .. Tokens.HostArguments, "--Pmo:RateLimit:PermitsPerSecond=3"]);
        using var pmo = new PmoClient(host, Tokens.Pmo("fast"));
        using var other = new PmoClient(host, Tokens.Pmo("calm"));
        var statuses = new List<HttpStatusCode>();
        TimeSpan? retryAfter = null;
        for (var i = 0; i < 12 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await pmo.Send(HttpMethod.Put, "/api/portfolios/pf-rate", new { name = "Rate", budget = i });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter = response.Headers.RetryAfter?.Delta;
                await pmo.AssertProblem(response, HttpStatusCode.TooManyRequests);
            }
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After was {retryAfter}");
        // Another caller has a budget of its own, and reads are not limited.
        using (var response = await other.Send(HttpMethod.Put, "/api/portfolios/pf-rate-2", new { name = "Other" }))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, await pmo.StatusOf("/api/portfolios"));

        var entries = (await other.Get("/api/audit")).Arr("items");
        AuditTests.Expect(entries, "fast", "putPortfolio", "portfolio:pf-rate", 429, null);
    }
}
