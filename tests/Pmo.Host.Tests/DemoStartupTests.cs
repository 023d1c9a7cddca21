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
}
