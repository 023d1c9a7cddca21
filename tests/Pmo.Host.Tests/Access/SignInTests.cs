namespace Pmo.Host.Tests.Access;

/// <summary>The dashboard's sign-in with a shared key: a token from the token verb goes into an HTTP-only cookie the API accepts.</summary>
[Collection(SecuredHostCollection.Name)]
public sealed class SignInTests(SecuredHostFixture fixture)
{
    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Host.BaseAddress };

    [Fact]
    public async Task The_sign_in_page_is_a_plain_labelled_form()
    {
        using var browser = Browser();
        using var page = await browser.GetAsync(new Uri("/signin?returnUrl=/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"token\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"token\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_valid_token_becomes_an_http_only_strict_cookie_that_signs_requests_in_and_sign_out_clears_it()
    {
        using var browser = Browser();
        var x = Doc.Prefix("cookie");
        await fixture.Pmo.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "pf"), Doc.Portfolio(x + "other")]));
        using var signIn = await browser.PostAsync(new Uri("/signin", UriKind.Relative), Form(Tokens.Viewer("vic", x + "pf"), "/api/portfolios"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/api/portfolios", signIn.Headers.Location?.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pmo-token=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/portfolios", UriKind.Relative));
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var list = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var ids = System.Text.Json.JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(p => p.Str("id")).ToList();
        Assert.Equal([x + "pf"], ids);

        using var signOut = await browser.PostAsync(new Uri("/signout", UriKind.Relative), null);
        var cleared = signOut.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pmo-token=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_goes_back_only_to_a_path_on_this_host(string returnUrl)
    {
        using var browser = Browser();
        using var signIn = await browser.PostAsync(new Uri("/signin", UriKind.Relative), Form(Tokens.Pmo(), returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_refused_token_sets_no_cookie()
    {
        using var browser = Browser();
        using var signIn = await browser.PostAsync(new Uri("/signin", UriKind.Relative), Form(Tokens.Unsigned(), "/"));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
    }

    private static FormUrlEncodedContent Form(string token, string returnUrl) =>
        new([new("token", token), new("returnUrl", returnUrl)]);
}
