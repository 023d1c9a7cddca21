using System.Net;
using System.Text.Json;
using Pmo.Generator;

namespace Pmo.Host.Tests.Durability;

// An import is acknowledged once validated and recorded, before its grains are defined; what was
// acknowledged must survive a kill -9 that comes in between.
public sealed partial class DurabilityTests
{
    [Fact]
    public async Task An_import_killed_right_after_its_202_is_resumed_on_restart_and_every_project_it_names_exists_as_imported()
    {
        var cs = await postgres.CreateDatabaseAsync("importkill");
        var document = EnterpriseGenerator.Generate(GeneratorOptions.ForSize("S", 23));
        string changeId;
        await using (var host = await HostProcess.StartAsync("--postgres", cs, "--no-demo"))
        {
            using var api = new PmoClient(host);
            using var response = await api.Post("/api/import", document);
            changeId = await api.AcceptedChangeId(response, "POST /api/import");
            var status = (await api.Get($"/api/changes/{changeId}")).Str("status");
            await host.DisposeAsync(); // SIGKILL at once: the grains are still being defined
            output.WriteLine($"import {changeId} was {status} when the host was killed");
        }

        await using var restarted = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        using var again = new PmoClient(restarted);
        var expected = JsonSerializer.SerializeToElement(document, PmoClient.Json);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var project in expected.Arr("projects"))
        {
            var id = project.Str("id");
            while (await again.StatusOf($"/api/projects/{id}") != HttpStatusCode.OK)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"project {id} of the acknowledged import never came back");
                await Task.Delay(100);
            }
            var tasks = (await again.Project(id)).Arr("tasks").ToDictionary(t => t.Str("id"), t => t.Int("duration"));
            Assert.Equal(project.Arr("tasks").ToDictionary(t => t.Str("id"), t => t.Int("duration")), tasks);
        }
        Assert.Equal(expected.Arr("projects").Count(), (await again.ExportJson()).Arr("projects").Count());
        await Eventually(async () => await RollupProblems(again), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task An_import_is_tracked_by_its_change_id_until_every_grain_it_defines_has_settled()
    {
        await using var host = await HostProcess.StartAsync("--no-demo");
        using var api = new PmoClient(host);
        var document = EnterpriseGenerator.Generate(GeneratorOptions.ForSize("S", 29));
        using var response = await api.Post("/api/import", document);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var changeId = await api.AcceptedChangeId(response, "POST /api/import");
        var settled = await api.WaitSettled(changeId);
        Assert.True(settled.Int("grainsTouched") > 100, settled.GetRawText());
        var exported = await api.ExportJson();
        Assert.Equal(JsonSerializer.SerializeToElement(document, PmoClient.Json).Arr("projects").Count(), exported.Arr("projects").Count());
    }
}
