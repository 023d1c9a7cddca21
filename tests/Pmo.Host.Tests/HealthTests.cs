namespace Pmo.Host.Tests;

/// <summary>Probes for an orchestrator: liveness apart from readiness, and readiness that says which part is up.</summary>
[Collection(HostCollection.Name)]
public sealed class HealthTests(HostFixture fixture)
{
    [Fact]
    public async Task Readiness_lists_each_part_the_host_needs_and_health_says_the_mode()
    {
        var ready = await fixture.Client.Get("/health/ready");
        Assert.Equal("ready", ready.Str("status"));
        var checks = ready.GetProperty("checks");
        foreach (var part in new[] { "membership", "storage", "push", "demo" })
            Assert.Equal("healthy", checks.GetProperty(part).Str("status"));
        Assert.Equal("active", checks.GetProperty("membership").Str("detail"));

        var health = await fixture.Client.Get("/health");
        Assert.Equal("ready", health.Str("status"));
        Assert.Equal("in-memory, 1 silo(s)", health.Str("mode"));
        Assert.Equal(HttpStatusCode.OK, await fixture.Client.StatusOf("/health/live"));
    }
}
