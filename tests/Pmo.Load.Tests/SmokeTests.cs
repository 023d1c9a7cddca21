using System.Text.Json;
using Xunit.Abstractions;

namespace Pmo.Load.Tests;

/// <summary>The harness against the real service: a warm-up, every scenario, a short run, and it must reconcile.</summary>
public sealed class SmokeTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Run_all_scenarios_against_the_real_host_reconciles_and_writes_the_reports()
    {
        await using var service = await ServiceProcess.StartAsync(TimeSpan.FromSeconds(60));
        var outDir = HarnessRun.NewFolder("smoke");
        var (exit, _) = await HarnessRun.RunAsync(
        [
            "run", "--target", service.Address.ToString(), "--size", "S", "--seed", "1", "--scenario", "all", "--duration", "3",
            "--out", outDir, "--pid", service.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--baseline-seconds", "5", "--settle-timeout", "30", "--warmup", "2",
        ], TimeSpan.FromSeconds(180), log);

        HarnessRun.AssertWritten(outDir, "report.json", "report.md", "report.html");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        var scenarios = report.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        // The warm-up is not a scenario of the report; the settings say it ran (a failed one fails the run).
        Assert.Equal(2, report.RootElement.GetProperty("settings").GetProperty("warmupSeconds").GetDouble());
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
        HarnessRun.Delete(outDir);
    }
}
