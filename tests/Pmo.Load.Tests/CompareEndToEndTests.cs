using System.Globalization;
using System.Text.Json;
using Npgsql;
using Pmo.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pmo.Load.Tests;

/// <summary>
/// compare against a real PostgreSQL server (the host tests' own, started here): both back ends
/// driven with the same short workload, one side-by-side report, and the run's database gone after.
/// </summary>
public sealed class CompareEndToEndTests(PostgresServer postgres, ITestOutputHelper log) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Compare_drives_a_fresh_host_per_back_end_and_round_and_writes_one_side_by_side_report()
    {
        var outDir = HarnessRun.NewFolder("compare");
        var (exit, error) = await HarnessRun.RunAsync(
        [
            "compare", "--postgres", postgres.ConnectionStringFor("postgres"), "--size", "S", "--seed", "1", "--scenario", "steady",
            "--duration", "3", "--rounds", "2", "--out", outDir, "--host-dll", ServiceProcess.HostDll, "--baseline-seconds", "2", "--settle-timeout", "30",
        ], TimeSpan.FromSeconds(240), log);

        Assert.True(exit == 0, error);
        HarnessRun.AssertWritten(outDir,
            "compare.json", "compare.md", "compare.html",
            "round-1/in-memory/report.json", "round-1/in-memory/host.log", "round-1/postgresql/report.json", "round-1/postgresql/host.log",
            "round-2/in-memory/report.json", "round-2/postgresql/report.json");
        using var compare = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "compare.json")));
        Assert.True(compare.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(2, compare.RootElement.GetProperty("rounds").GetInt32());
        var modes = compare.RootElement.GetProperty("backends").EnumerateArray().Select(b => b.GetProperty("mode").GetString()!).ToList();
        Assert.Equal(4, modes.Count);
        Assert.StartsWith("in-memory", modes[0], StringComparison.Ordinal);
        Assert.StartsWith("postgresql", modes[1], StringComparison.Ordinal);
        // Round 2 started on PostgreSQL: its host.log is the older of the round's two.
        Assert.True(File.GetLastWriteTimeUtc(Path.Combine(outDir, "round-2/postgresql/report.json"))
            < File.GetLastWriteTimeUtc(Path.Combine(outDir, "round-2/in-memory/report.json")));
        var ratios = compare.RootElement.GetProperty("acceptedRatios").EnumerateArray().Single();
        Assert.Equal(2, ratios.GetProperty("ratios").GetArrayLength());
        var cpu = compare.RootElement.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("scenario").GetString() == "steady" && r.GetProperty("measure").GetString() == "CPU ms/command, host");
        Assert.True(cpu.GetProperty("inMemory").GetProperty("value").GetDouble() > 0);
        var rates = compare.RootElement.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("scenario").GetString() == "steady" && r.GetProperty("measure").GetString() == "accepted/s");
        Assert.True(rates.GetProperty("inMemory").GetProperty("value").GetDouble() > 0);
        Assert.True(rates.GetProperty("postgreSql").GetProperty("value").GetDouble() > 0);

        // The run's own database was dropped with it.
        await using var connection = new NpgsqlConnection(postgres.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname LIKE 'pmo_compare_%'", connection);
        Assert.Equal(0L, Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        HarnessRun.Delete(outDir);
    }
}
