using System.Net.Http.Headers;

namespace Pmo.Host.Tests.Access;

/// <summary>CONTRACT.md "Who may see and change what": which tokens are accepted, and what a refused one answers.</summary>
[Collection(SecuredHostCollection.Name)]
public sealed class AuthenticationTests(SecuredHostFixture fixture)
{
    public static TheoryData<string> RefusedTokens() =>
    [
        "expired beyond the 30 s skew", "not valid for another minute", "tampered", "signed with another key",
        "for another audience", "from another issuer", "alg none", "not a token",
    ];

    /// <summary>Minted when the test runs, not when it is discovered: a token's times are relative to now.</summary>
    private static string Refused(string why)
    {
        var now = DateTime.UtcNow;
        return why switch
        {
            "expired beyond the 30 s skew" => Tokens.For("ana", ["pmo"], [], expires: now.AddSeconds(-45), notBefore: now.AddMinutes(-10)),
            "not valid for another minute" => Tokens.For("ana", ["pmo"], [], notBefore: now.AddSeconds(75), expires: now.AddHours(1)),
            "tampered" => Tokens.Tampered(Tokens.Viewer("ana", "pf-x")),
            "signed with another key" => Tokens.For("ana", ["pmo"], [], key: System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            "for another audience" => Tokens.For("ana", ["pmo"], [], audience: "someone-else"),
            "from another issuer" => Tokens.For("ana", ["pmo"], [], issuer: "someone-else"),
            "alg none" => Tokens.Unsigned(),
            _ => "hello",
        };
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_refused_token_answers_401_with_WWW_Authenticate_Bearer_and_changes_nothing(string why)
    {
        using var refused = fixture.As(Refused(why));
        var before = await fixture.Pmo.Export();
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/portfolios"), (HttpMethod.Get, "/api/export"), (HttpMethod.Post, "/api/import") })
        {
            using var response = await refused.Send(method, path, method == HttpMethod.Post ? Doc.Document(portfolios: [Doc.Portfolio(Doc.Prefix("no") + "pf")]) : null);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {method} {path} answered {(int)response.StatusCode}");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
        Assert.Equal(before, await fixture.Pmo.Export());
    }

    [Fact]
    public async Task No_token_answers_401_but_health_probes_answer_without_one()
    {
        using var anonymous = fixture.As(null!);
        using (var response = await anonymous.Send(HttpMethod.Get, "/api/portfolios"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
        foreach (var probe in new[] { "/health", "/health/live", "/health/ready" })
            Assert.Equal(HttpStatusCode.OK, await anonymous.StatusOf(probe));
    }

    [Fact]
    public async Task A_token_within_the_30_s_clock_skew_is_accepted()
    {
        var now = DateTime.UtcNow;
        using var late = fixture.As(Tokens.For("ana", ["pmo"], [], expires: now.AddSeconds(-10), notBefore: now.AddMinutes(-5)));
        Assert.Equal(HttpStatusCode.OK, await late.StatusOf("/api/portfolios"));
        using var early = fixture.As(Tokens.For("ana", ["pmo"], [], notBefore: now.AddSeconds(10)));
        Assert.Equal(HttpStatusCode.OK, await early.StatusOf("/api/portfolios"));
    }

    [Fact]
    public async Task The_token_verb_prints_a_token_the_host_accepts_with_its_claims()
    {
        var x = Doc.Prefix("verb");
        await fixture.Pmo.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "pf"), Doc.Portfolio(x + "other")]));
        var token = await RunTokenVerb("--sub", "ana", "--role", "viewer", "--portfolio", x + "pf", "--minutes", "5", "--auth-signing-key", Tokens.KeyBase64);
        using var viewer = fixture.As(token);
        Assert.Equal(HttpStatusCode.OK, await viewer.StatusOf($"/api/portfolios/{x}pf"));
        Assert.Equal(HttpStatusCode.NotFound, await viewer.StatusOf($"/api/portfolios/{x}other"));
        using var slip = await viewer.Send(HttpMethod.Put, $"/api/portfolios/{x}pf", new { budget = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, slip.StatusCode);
    }

    [Fact]
    public async Task The_hub_takes_the_token_from_access_token_and_refuses_a_connection_without_one()
    {
        await using (var signedIn = await PushClient.ConnectAsync(fixture.Host, "signed-in", Tokens.Viewer("vic", "pf-none")))
            await signedIn.Subscribe("all");

        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var negotiate = await http.PostAsync(new Uri("/hubs/portfolio/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        // The query parameter counts on the hub's path only.
        using var elsewhere = await http.GetAsync(new Uri($"/api/portfolios?access_token={Tokens.Pmo()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/portfolios", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Pmo());
        using var withHeader = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
    }

    [Fact]
    public async Task A_hub_connection_is_closed_when_its_token_expires()
    {
        // Valid when it connects, expired five seconds later.
        var now = DateTime.UtcNow;
        await using var client = await PushClient.ConnectAsync(fixture.Host, "expiring", Tokens.For("eve", ["pmo"], [], expires: now.AddSeconds(5), notBefore: now.AddMinutes(-5)));
        var closed = new TaskCompletionSource();
        client.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        if (client.Connection.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Disconnected) closed.TrySetResult();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await using var lasting = await PushClient.ConnectAsync(fixture.Host, "lasting", Tokens.Pmo());
        await lasting.Subscribe("all");
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, lasting.Connection.State);
    }

    internal static async Task<string> RunTokenVerb(params string[] arguments)
    {
        var (exitCode, output, error) = await HostCommand.RunAsync(new Dictionary<string, string>(), ["token", .. arguments]);
        Assert.True(exitCode == 0, $"token verb exited with {exitCode}: {error}");
        return output.Trim();
    }
}
