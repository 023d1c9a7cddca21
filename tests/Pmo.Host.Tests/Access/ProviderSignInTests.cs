using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Pmo.Host.Tests.Infrastructure;

namespace Pmo.Host.Tests.Access;

/// <summary>
/// With an identity provider (the test's <see cref="FakeIdentityProvider"/>) the dashboard signs people in through
/// OpenID Connect, while the API keeps answering 401 to a request without a bearer token.
/// </summary>
public sealed class ProviderSignInTests(ProviderHostFixture fixture) : IClassFixture<ProviderHostFixture>
{
    private HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = fixture.Host.BaseAddress,
        };

    private static HttpRequestMessage PageRequest(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_the_authority_with_a_PKCE_code_challenge()
    {
        using var browser = Client();
        using var page = await browser.SendAsync(PageRequest(new Uri("/", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = page.Headers.Location!;
        Assert.Equal(new Uri(fixture.Provider.Authority, "/authorize").GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(FakeIdentityProvider.ClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]), "no code_challenge");
        Assert.Equal(new Uri(fixture.Host.BaseAddress, "/signin-oidc").ToString(), query["redirect_uri"]);
    }

    [Fact]
    public async Task The_api_without_a_token_answers_401_not_a_redirect_even_to_a_browser()
    {
        using var client = Client();
        using var response = await client.SendAsync(PageRequest(new Uri("/api/portfolios", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task The_code_flow_signs_the_browser_in_and_sign_out_ends_the_session_here_and_at_the_provider()
    {
        var cookies = new CookieContainer();
        using var browser = Client(cookies);
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var challenge = await browser.SendAsync(PageRequest(new Uri("/", UriKind.Relative)));
        using var authorized = await provider.GetAsync(challenge.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        using var callback = await browser.SendAsync(PageRequest(authorized.Headers.Location!));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location?.OriginalString);
        var session = callback.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("pmo-session", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);

        using (var overview = await browser.SendAsync(PageRequest(new Uri("/", UriKind.Relative))))
            Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        // The session is the dashboard's; the API still wants a bearer token.
        using (var api = await browser.SendAsync(PageRequest(new Uri("/api/portfolios", UriKind.Relative))))
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        var endSessionsBefore = fixture.Provider.EndSessions.Count;
        using var signOut = await browser.PostAsync(new Uri("/signout", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith(new Uri(fixture.Provider.Authority, "/end-session").ToString(), signOut.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pmo-session=;", StringComparison.Ordinal));
        using var ended = await provider.GetAsync(signOut.Headers.Location);
        Assert.Equal(endSessionsBefore + 1, fixture.Provider.EndSessions.Count);
        Assert.False(string.IsNullOrEmpty(fixture.Provider.EndSessions.Last()["id_token_hint"]), "sign-out should name the session's id_token");
        using var back = await browser.SendAsync(PageRequest(ended.Headers.Location!));
        Assert.Equal("/signin?signedOut=true", back.Headers.Location?.OriginalString);
        using var afterwards = await browser.SendAsync(PageRequest(new Uri("/", UriKind.Relative)));
        Assert.StartsWith(fixture.Provider.Authority.ToString(), afterwards.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_callback_signs_nobody_in_and_lands_on_the_sign_in_page()
    {
        using var browser = Client(new CookieContainer());
        using var callback = await browser.SendAsync(PageRequest(new Uri("/signin-oidc?code=made-up&state=made-up", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/signin?failed=true", callback.Headers.Location?.OriginalString);
        Assert.False(callback.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("pmo-session=", StringComparison.Ordinal) && !c.StartsWith("pmo-session=;", StringComparison.Ordinal)));
        using var page = await browser.SendAsync(PageRequest(callback.Headers.Location!));
        Assert.Contains("did not complete", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_from_the_provider_reads_the_api_within_its_scope()
    {
        using var manager = new PmoClient(fixture.Host, fixture.Provider.AccessToken(PmoUser.Manager("ana", ProviderHostFixture.Mine)));
        var ids = (await manager.Get("/api/portfolios")).EnumerateArray().Select(p => p.Str("id")).ToList();
        Assert.Equal([ProviderHostFixture.Mine], ids);
    }
}

/// <summary>A fake identity provider and an empty host that trusts it, with two sibling portfolios imported by pmo.</summary>
public sealed class ProviderHostFixture : IAsyncLifetime
{
    public const string Mine = "oidc-pf-mine";
    public const string Theirs = "oidc-pf-theirs";

    public FakeIdentityProvider Provider { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await FakeIdentityProvider.StartAsync(PmoUser.Manager("ana", Mine));
        Host = await HostProcess.StartAsync(["--no-demo", .. Provider.HostArguments]);
        using var pmo = new PmoClient(Host, Provider.AccessToken(PmoUser.Pmo()));
        await pmo.Import(Doc.Document(portfolios: [Doc.Portfolio(Mine), Doc.Portfolio(Theirs)]));
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}
