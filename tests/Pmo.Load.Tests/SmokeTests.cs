using System.Text.Json;
using Xunit.Abstractions;

namespace Pmo.Load.Tests;

/// <summary>The harness against the real service: every scenario, a short run, and it must reconcile.</summary>
public sealed class SmokeTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Run_all_scenarios_against_the_real_host_reconciles_and_writes_the_reports()
    {
        await using var service = await ServiceProcess.StartAsync(TimeSpan.FromSeconds(60));
        var outDir = Path.Combine(Path.GetTempPath(), $"pmo-load-smoke-{Guid.NewGuid():N}");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        int exit;
        try
        {
            exit = await Cli.RunAsync(
            [
                "run", "--target", service.Address.ToString(), "--size", "S", "--seed", "1", "--scenario", "all", "--duration", "3",
                "--out", outDir, "--pid", service.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--baseline-seconds", "5", "--settle-timeout", "30",
            ], output, error, _ => null, timeout.Token);
        }
        finally
        {
            log.WriteLine(output.ToString());
            log.WriteLine(error.ToString());
        }

        foreach (var file in new[] { "report.json", "report.md", "report.html" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), $"{file} was not written");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        var scenarios = report.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(["steady", "cascade", "reorg", "mixed"], scenarios.Select(s => s.GetProperty("name").GetString()));
        foreach (var scenario in scenarios)
        {
            var name = scenario.GetProperty("name").GetString();
            Assert.True(scenario.GetProperty("commands").GetInt64() > 0, $"{name} sent no command");
            Assert.True(scenario.GetProperty("errors").GetInt64() == 0,
                $"{name} had errors: {scenario.GetProperty("errorsByKind")} {scenario.GetProperty("errorSamples")}");
            var reconciliation = scenario.GetProperty("reconciliation");
            Assert.True(reconciliation.GetProperty("ok").GetBoolean(),
                $"{name} did not reconcile: {reconciliation.GetProperty("problems")}{Environment.NewLine}{service.Log}");
        }
        Assert.Equal(0, exit);
        try { Directory.Delete(outDir, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
