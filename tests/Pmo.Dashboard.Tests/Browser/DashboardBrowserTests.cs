using System.Text.Json;

namespace Pmo.Dashboard.Tests.Browser;

/// <summary>The dashboard in Chromium against the real host: what a PMO sees, live, without reloading.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests(DashboardFixture fixture)
{
    private Uri Url(string path) => new(fixture.Host.BaseAddress, path);

    /// <summary>A new page of the shared browser, navigated to <paramref name="path"/> of the host.</summary>
    private async Task<IPage> OpenAsync(string path)
    {
        var page = await fixture.Browser.Context.NewPageAsync();
        await page.GotoAsync(Url(path).ToString());
        return page;
    }

    [Fact]
    public async Task Overview_lists_the_demo_portfolios_with_their_health()
    {
        var portfolios = (await fixture.Api.GetAsync("/api/portfolios")).EnumerateArray().ToList();
        Assert.NotEmpty(portfolios);
        var page = await OpenAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio overview" })).ToBeVisibleAsync();
        foreach (var portfolio in portfolios)
        {
            var line = page.Locator($"li[data-portfolio='{portfolio.GetProperty("id").GetString()}'] > .line");
            await Expect(line.Locator("a.name")).ToHaveTextAsync(portfolio.GetProperty("name").GetString()!);
            await Expect(line.Locator(".health")).ToHaveTextAsync(portfolio.GetProperty("health").GetString()!);
        }
        await Expect(page.Locator("tr[data-project]").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "overview");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_slip_posted_through_the_API_shows_its_alert_and_moves_the_Gantt_bar_and_finish_without_a_reload()
    {
        var (projectId, taskId) = await CriticalTaskAheadAsync();
        var alerts = await OpenAsync("/alerts");
        await Expect(alerts.GetByTestId("feed-state")).ToContainTextAsync("Live");
        var project = await OpenAsync($"/projects/{projectId}");
        var finish = project.Locator("#project-finish");
        await Expect(finish).ToBeVisibleAsync();
        var finishBefore = await finish.GetAttributeAsync("data-finish");
        var bar = project.Locator($"[data-bar='{taskId}']");
        var barBefore = await bar.GetAttributeAsync("data-finish");

        var changeId = await fixture.Api.SendAsync($"/api/projects/{projectId}/tasks/{taskId}/slip", new { days = 15, reason = "browser test" });
        await fixture.Api.WaitSettledAsync(changeId);
        var message = (await fixture.Api.GetAsync($"/api/alerts?scope=project:{projectId}&after=0")).GetProperty("items").EnumerateArray()
            .Last(a => a.GetProperty("changeId").GetString() == changeId && a.GetProperty("kind").GetString() == "ScheduleSlip")
            .GetProperty("message").GetString()!;

        await Expect(alerts.Locator("td.message", new() { HasText = message }).First).ToBeVisibleAsync();
        await Expect(finish).Not.ToHaveAttributeAsync("data-finish", finishBefore!);
        await Expect(bar).Not.ToHaveAttributeAsync("data-finish", barBefore!);
        await Screenshots.SaveAsync(alerts, "alerts");
        await Screenshots.SaveAsync(project, "project");

        // The alert's change is one click from its trace: the slipped project moved by the slip.
        await alerts.Locator("tr", new() { HasText = message }).First.GetByRole(AriaRole.Link, new() { Name = "trace" }).ClickAsync();
        await Expect(alerts.Locator($"tr[data-moved='{projectId}']")).ToContainTextAsync("+15 working days");
        await Screenshots.SaveAsync(alerts, "change-trace");
        await alerts.CloseAsync();
        await project.CloseAsync();
    }

    [Fact]
    public async Task An_assignment_that_overbooks_a_resource_marks_its_heat_map_cell()
    {
        var (projectId, taskId, weekStart) = await TaskStartingSoonAsync();
        var resourceId = $"r-overbook-{Guid.NewGuid():N}"[..20];
        await fixture.Api.WaitSettledAsync(await fixture.Api.SendAsync("/api/import", new
        {
            resources = new[] { new { id = resourceId, name = "Overbooked Tester", capacity = 1.0, costRate = 100, pool = "Test" } },
        }));
        var page = await OpenAsync("/resources");
        var cell = page.Locator($"tr[data-resource='{resourceId}'] td[data-week='{weekStart:yyyy-MM-dd}']");
        await Expect(cell).ToHaveAttributeAsync("data-over", "false");

        await fixture.Api.SendAsync($"/api/projects/{projectId}/assignments", new { taskId, resourceId, units = 2.5 });

        await Expect(cell).ToHaveAttributeAsync("data-over", "true");
        await Expect(cell).ToContainTextAsync("⚠");
        await cell.Locator("button").ClickAsync();
        await Expect(page.GetByTestId("cell-detail")).ToContainTextAsync(projectId);
        await Screenshots.SaveAsync(page, "resources");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Dependency_map_draws_the_cross_links_and_a_critical_chain()
    {
        var page = await OpenAsync("/dependencies");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dependency map" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-edge]").First).ToBeAttachedAsync();
        await Expect(page.Locator("path.edge.chain").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("critical-chain")).ToContainTextAsync("→");
        await Screenshots.SaveAsync(page, "dependencies");
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_views_are_reached_from_the_keyboard_and_their_controls_are_labelled()
    {
        var page = await OpenAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio overview", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Filter")).ToBeVisibleAsync();

        // From the top bar (after navigation Blazor puts the focus on the page's heading), Tab to the Alerts view.
        await page.Locator("a.brand").FocusAsync();
        for (var i = 0; i < 10 && await page.EvaluateAsync<string>("() => document.activeElement?.textContent ?? ''") != "Alerts"; i++)
            await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alert feed", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Kind")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Severity")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Scope")).ToBeVisibleAsync();

        // Sorting the project list is a button per column header, so Enter works as a click.
        await page.GotoAsync(Url("/").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "CPI" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("th[aria-sort='descending']")).ToContainTextAsync("CPI");
        await page.CloseAsync();
    }

    /// <summary>A project's last-finishing task, not yet started: slipping it moves the project's own finish.</summary>
    private async Task<(string Project, string Task)> CriticalTaskAheadAsync()
    {
        var export = await fixture.Api.GetAsync("/api/export");
        var status = DateOnly.Parse(export.GetProperty("statusDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var project in export.GetProperty("projects").EnumerateArray())
        {
            var id = project.GetProperty("id").GetString()!;
            var last = (await fixture.Api.GetAsync($"/api/projects/{id}")).GetProperty("tasks").EnumerateArray()
                .Where(t => t.GetProperty("duration").GetInt32() > 0)
                .OrderByDescending(t => Date(t, "earlyFinish")).First();
            if (Date(last, "earlyStart") > status) return (id, last.GetProperty("id").GetString()!);
        }
        throw new InvalidOperationException("The demo has no project whose last task lies after the status date.");
    }

    /// <summary>A task starting in the next few weeks that lasts at least a week, and the Monday of its first week.</summary>
    private async Task<(string Project, string Task, DateOnly Week)> TaskStartingSoonAsync()
    {
        var export = await fixture.Api.GetAsync("/api/export");
        var status = DateOnly.Parse(export.GetProperty("statusDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var project in export.GetProperty("projects").EnumerateArray())
        {
            var id = project.GetProperty("id").GetString()!;
            var view = await fixture.Api.GetAsync($"/api/projects/{id}");
            foreach (var task in view.GetProperty("tasks").EnumerateArray())
            {
                var start = Date(task, "earlyStart");
                if (task.GetProperty("duration").GetInt32() >= 5 && start > status && start < status.AddDays(35))
                    return (id, task.GetProperty("id").GetString()!, start.AddDays(-(((int)start.DayOfWeek + 6) % 7)));
            }
        }
        throw new InvalidOperationException("The demo has no task starting in the next five weeks.");
    }

    private static DateOnly Date(JsonElement e, string name) =>
        DateOnly.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
