namespace Pmo.Dashboard.Tests.Browser;

/// <summary>With authentication on, the dashboard asks the user to sign in and shows only what they may see.</summary>
[Collection(OwnHostCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SignInBrowserTests
{
    [Fact]
    public async Task With_a_shared_key_a_portfolio_manager_signs_in_with_a_token_and_sees_only_their_portfolio()
    {
        await using var host = await HostProcess.StartAsync([.. Tokens.HostArguments, "--no-simulate"]);
        using var api = new PmoApi(host.BaseAddress, Tokens.Pmo());
        var (mine, theirs) = await SiblingPortfoliosAsync(api);

        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "/").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Pmo.Grains" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "signin");

        await page.GetByLabel("Access token").FillAsync(Tokens.Manager("ana", mine.Id));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await ExpectOnlyMineAsync(page, mine, theirs);
        await Screenshots.SaveAsync(page, "overview-portfolio-manager");
    }

    [Fact]
    public async Task With_an_identity_provider_a_portfolio_manager_signs_in_through_it_and_sees_only_their_portfolio()
    {
        await using var provider = await FakeIdentityProvider.StartAsync(PmoUser.Manager("ana"));
        await using var host = await HostProcess.StartAsync([.. provider.HostArguments, "--no-simulate"]);
        using var api = new PmoApi(host.BaseAddress, provider.AccessToken(PmoUser.Pmo()));
        var (mine, theirs) = await SiblingPortfoliosAsync(api);
        provider.User = PmoUser.Manager("ana", mine.Id);

        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        var authorize = page.WaitForRequestAsync(new Uri(provider.Authority, "/authorize").ToString() + "**");
        await page.GotoAsync(new Uri(host.BaseAddress, "/").ToString());
        Assert.Contains("code_challenge=", (await authorize).Url, StringComparison.Ordinal);

        await ExpectOnlyMineAsync(page, mine, theirs);
        Assert.Single(provider.IssuedAccessTokens);

        // The access token the provider issued at that sign-in is a bearer token the API takes, with the same scope.
        using var asManager = new PmoApi(host.BaseAddress, provider.IssuedAccessTokens.Single());
        var visible = (await asManager.GetAsync("/api/portfolios")).EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains(mine.Id, visible);
        Assert.DoesNotContain(theirs.Id, visible);

        // Signing out ends the session here and at the provider, and lands where it does not sign straight back in.
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("ana");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        Assert.Single(provider.EndSessions);
        Assert.DoesNotContain(await browser.Context.CookiesAsync(), c => c.Name.StartsWith("pmo-session", StringComparison.Ordinal));
    }

    /// <summary>Two sibling portfolios below the demo's root: the manager is given one, the other is what must not leak.</summary>
    private static async Task<((string Id, string Name) Mine, (string Id, string Name) Theirs)> SiblingPortfoliosAsync(PmoApi api)
    {
        await api.WaitSettledAsync("c-demo-42", TimeSpan.FromSeconds(120));
        var portfolios = (await api.GetAsync("/api/export")).GetProperty("portfolios").EnumerateArray()
            .Where(p => p.GetProperty("parentId").ValueKind == System.Text.Json.JsonValueKind.String)
            .Select(p => (Id: p.GetProperty("id").GetString()!, Name: p.GetProperty("name").GetString()!))
            .ToList();
        Assert.True(portfolios.Count >= 2, "the demo should have two portfolios below its root");
        return (portfolios[0], portfolios[1]);
    }

    private static async Task ExpectOnlyMineAsync(IPage page, (string Id, string Name) mine, (string Id, string Name) theirs)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio overview" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = mine.Name, Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = theirs.Name, Exact = true }).CountAsync());
    }
}
