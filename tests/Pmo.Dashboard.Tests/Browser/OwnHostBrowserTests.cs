using System.Text.RegularExpressions;

namespace Pmo.Dashboard.Tests.Browser;

/// <summary>Browser tests that need a host of their own: one they restart, one with the simulation clock on.</summary>
[Collection(OwnHostCollection.Name)]
[Trait("Category", "Browser")]
public sealed class OwnHostBrowserTests
{
    [Fact]
    public async Task The_page_survives_a_host_restart_and_shows_what_it_missed()
    {
        var first = await HostProcess.StartAsync("--no-simulate");
        var address = first.BaseAddress;
        await using var browser = await Chromium.LaunchAsync();
        using var api = new PmoApi(address);
        await api.WaitSettledAsync("c-demo-42", TimeSpan.FromSeconds(120));
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(new Uri(address, "/alerts").ToString());
        await Expect(page.GetByTestId("feed-state")).ToContainTextAsync("Live");

        await first.DisposeAsync();
        // Blazor's own reconnect display says the connection is gone.
        await Expect(page.GetByText(new Regex("Rejoin", RegexOptions.IgnoreCase)).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "alerts-reconnecting");

        // While the page is still reconnecting, the restarted host takes a slip: the page must show its alert.
        await using var second = await HostProcess.StartAtAsync(address, "--no-simulate");
        await api.WaitSettledAsync("c-demo-42", TimeSpan.FromSeconds(120));
        var export = await api.GetAsync("/api/export");
        var project = export.GetProperty("projects")[0];
        var projectId = project.GetProperty("id").GetString()!;
        var lastTask = project.GetProperty("tasks").EnumerateArray().Last(t => t.GetProperty("duration").GetInt32() > 0).GetProperty("id").GetString()!;
        var changeId = await api.SendAsync($"/api/projects/{projectId}/tasks/{lastTask}/slip", new { days = 12, reason = "while the page was away" });
        await api.WaitSettledAsync(changeId);
        var message = (await api.GetAsync($"/api/alerts?scope=project:{projectId}&after=0")).GetProperty("items").EnumerateArray()
            .Last(a => a.GetProperty("changeId").GetString() == changeId).GetProperty("message").GetString()!;

        await Expect(page.Locator("td.message", new() { HasText = message }).First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("feed-state")).ToContainTextAsync("Live");
        await Screenshots.SaveAsync(page, "alerts-after-restart");
    }

    [Fact]
    public async Task The_simulation_clock_moves_the_demo_and_the_page_pauses_and_resumes_it()
    {
        await using var host = await HostProcess.StartAsync("--simulation-pace", "0.3");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "/").ToString());
        var clock = page.GetByTestId("simulation-state");
        await Expect(clock).ToContainTextAsync("Simulating", new() { Timeout = 60_000 });
        await Expect(clock).Not.ToContainTextAsync("day 0", new() { Timeout = 60_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(clock).ToContainTextAsync("Paused");
        var paused = await clock.TextContentAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(clock).ToContainTextAsync("Simulating");
        await Expect(clock).Not.ToHaveTextAsync(paused!.Replace("Paused", "Simulating", StringComparison.Ordinal), new() { Timeout = 30_000 });

        // The simulated days went through the command path: their alerts are in the log with a known change.
        using var api = new PmoApi(host.BaseAddress);
        var alerts = (await api.GetAsync("/api/alerts?after=0&limit=10000")).GetProperty("items").EnumerateArray().ToList();
        var simulated = alerts.Last(a => a.GetProperty("changeId").GetString() != "c-demo-42");
        await api.WaitSettledAsync(simulated.GetProperty("changeId").GetString()!);
        await Screenshots.SaveAsync(page, "overview-simulating");
    }
}

[CollectionDefinition(Name)]
public sealed class OwnHostCollection
{
    public const string Name = "browser-own-host";
}
