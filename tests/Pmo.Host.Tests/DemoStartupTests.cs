using System.Diagnostics;

namespace Pmo.Host.Tests;

/// <summary>The default start: a generated demo portfolio of about 50 projects, then /health answers 200.</summary>
[Collection(DemoHostCollection.Name)]
public sealed class DemoStartupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Without_no_demo_the_host_becomes_healthy_with_a_demo_portfolio_of_about_fifty_projects()
    {
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartAsync();
        output.WriteLine($"Start to /health 200: {host.StartToHealthy.TotalMilliseconds:0} ms (process start to first 200; {clock.Elapsed.TotalMilliseconds:0} ms including launch)");
        using var api = new PmoClient(host);

        // The demo import is change c-demo-{seed} (seed 42 by default); its roll-ups settle like any change.
        await api.WaitSettled("c-demo-42");

        var export = await api.ExportJson();
        var projects = export.Arr("projects").Count;
        output.WriteLine($"Demo: {projects} projects, {export.Arr("portfolios").Count} portfolios, {export.Arr("resources").Count} resources, {export.Arr("crossLinks").Count} cross links");
        Assert.InRange(projects, 40, 60);

        var portfolios = (await api.Get("/api/portfolios")).EnumerateArray().ToList();
        Assert.NotEmpty(portfolios);
        var roots = portfolios.Where(p => p.OptStr("parentId") is null).ToList();
        Assert.NotEmpty(roots);
        Assert.Equal(projects, roots.Sum(p => p.Int("projectCount")));
        Assert.All(portfolios, p => Assert.Contains(p.Str("health"), new[] { "green", "amber", "red" }));
    }

    [Fact]
    public async Task The_portfolio_list_counts_each_portfolios_open_alerts_as_its_own_read_does()
    {
        // Without the simulation clock, so that nothing changes between the list and the single reads.
        await using var host = await HostProcess.StartAsync("--no-simulate");
        using var api = new PmoClient(host);
        await api.WaitSettled("c-demo-42");

        // The list counts every portfolio's open alerts in one pass over the log; the single read counts
        // its own scope alone. The demo has open alerts, in nested portfolios, to count.
        var portfolios = (await api.Get("/api/portfolios")).EnumerateArray().ToList();
        Assert.Contains(portfolios, p => p.Int("openAlerts") > 0 && p.OptStr("parentId") is not null);
        foreach (var listed in portfolios)
            Assert.Equal((await api.Portfolio(listed.Str("id"))).Int("openAlerts"), listed.Int("openAlerts"));
    }
}
