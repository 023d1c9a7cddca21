using System.Text.Json;
using Pmo.Load.Comparison;
using Pmo.Load.Measurement;
using Pmo.Load.Reconciliation;
using Pmo.Load.Reports;

namespace Pmo.Load.Tests;

/// <summary>The side-by-side report, built from two back ends' reports and rendered from its rows alone.</summary>
public sealed class CompareReportTests
{
    private static Percentiles Settle(double p50, double p99) => new() { Count = 10, P50 = p50, P95 = p99 * 0.9, P99 = p99, Max = p99 * 2, Mean = p50 };

    private static LoadReport Backend(string mode, double importMs, double acceptedPerSecond, long refused, Percentiles settle, long peakRss, bool ok, CpuUse? cpu = null)
    {
        var sample = ReportShapeTests.Sample();
        var steady = sample.Scenarios[0] with
        {
            AcceptedPerSecond = acceptedPerSecond,
            Refused = refused,
            SettleMs = settle,
            AlertLatencyMs = settle,
            Process = new ProcessStats { Pid = 42, PeakRssBytes = peakRss, Samples = [new ProcessSample(1, peakRss, 50)] },
            Cpu = cpu,
            Reconciliation = ok ? new ReconciliationResult { Ok = true } : new ReconciliationResult { Ok = false, Problems = ["x"], ProblemCount = 3 },
        };
        return sample with
        {
            Service = new ServiceInfo { Mode = mode },
            Document = sample.Document with { ImportSettleMs = importMs - 100, ImportTotalMs = importMs },
            Scenarios = [steady, steady with { Name = "cascade", AcceptedPerSecond = acceptedPerSecond / 2 }],
        };
    }

    private static CompareReport Sample(bool postgresOk = true) => CompareRows.Build(
        Backend("memory", 5700, 270, 0, Settle(40, 144), 512L << 20, ok: true,
            new CpuUse { HostMsPerCommand = 1.2, OtherMsPerCommand = 0.04, HarnessMsPerCommand = 0.2, MachineBusyPercent = 97 }),
        Backend("postgres", 22200, 121.5, 7, Settle(184, 517), 768L << 20, ok: postgresOk,
            new CpuUse { HostMsPerCommand = 1.5, OtherMsPerCommand = 0.36, HarnessMsPerCommand = 0.22, MachineBusyPercent = 98.4 }),
        "in-memory", "postgresql", new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero));

    private static CompareRow Row(CompareReport report, string scenario, string measure) =>
        Assert.Single(report.Rows, r => r.Scenario == scenario && r.Measure == measure);

    [Fact]
    public void Rows_put_each_measure_of_each_scenario_side_by_side_with_the_ratio()
    {
        var report = Sample();

        var import = Row(report, "import", "import until settled, ms");
        Assert.Equal((5700.0, 22200.0, 3.89), (import.InMemory.Value, import.PostgreSql.Value, import.Ratio));
        var rate = Row(report, "steady", "accepted/s");
        Assert.Equal(("270.0", "121.5", 0.45), (rate.InMemory.Text, rate.PostgreSql.Text, rate.Ratio));
        var p99 = Row(report, "steady", "settle ms p99");
        Assert.Equal((144.0, 517.0, 3.59), (p99.InMemory.Value, p99.PostgreSql.Value, p99.Ratio));
        var refused = Row(report, "steady", "refused (503/429)");
        Assert.Equal(("0", "7", null, false), (refused.InMemory.Text, refused.PostgreSql.Text, refused.Ratio, refused.Alarm));
        Assert.Equal(("512", "768", 1.5), (Row(report, "steady", "RSS peak, MiB").InMemory.Text, Row(report, "steady", "RSS peak, MiB").PostgreSql.Text, Row(report, "steady", "RSS peak, MiB").Ratio));
        Assert.Equal(135.0, Row(report, "cascade", "accepted/s").InMemory.Value);
        foreach (var scenario in new[] { "steady", "cascade" })
            foreach (var measure in new[] { "errors", "settle ms p50", "settle ms p95", "settle ms max", "alert latency ms p50", "alert latency ms p99", "reconciliation" })
                _ = Row(report, scenario, measure);
        Assert.Equal(1 + 2 * 15, report.Rows.Count);
        Assert.True(report.Ok);
        Assert.Equal(["in-memory", "PostgreSQL"], report.Backends.Select(b => b.Name));
    }

    [Fact]
    public void Cpu_per_command_of_host_database_and_harness_stands_side_by_side()
    {
        var report = Sample();

        var host = Row(report, "steady", "CPU ms/command, host");
        Assert.Equal(("1.20", "1.50", 1.25), (host.InMemory.Text, host.PostgreSql.Text, host.Ratio));
        var rest = Row(report, "steady", "CPU ms/command, rest of the machine");
        Assert.Equal((0.04, 0.36), (rest.InMemory.Value, rest.PostgreSql.Value));
        Assert.Equal(("0.20", "0.22"), (Row(report, "steady", "CPU ms/command, harness").InMemory.Text, Row(report, "steady", "CPU ms/command, harness").PostgreSql.Text));
        Assert.Equal(("97", "98"), (Row(report, "steady", "all cores busy, %").InMemory.Text, Row(report, "steady", "all cores busy, %").PostgreSql.Text));
    }

    [Fact]
    public void A_failed_reconciliation_on_either_side_is_marked_and_fails_the_comparison()
    {
        var report = Sample(postgresOk: false);

        var row = Row(report, "steady", "reconciliation");
        Assert.Equal(("ok", "3 problems", true), (row.InMemory.Text, row.PostgreSql.Text, row.Alarm));
        Assert.False(report.Ok);
        Assert.Contains("| steady | reconciliation | **ok** | **3 problems** | – |", CompareWriter.Markdown(report), StringComparison.Ordinal);
        Assert.Contains("Reconciliation failed on PostgreSQL", CompareWriter.Markdown(report), StringComparison.Ordinal);
        Assert.Contains("<td class=\"n bad\">3 problems</td>", CompareWriter.Html(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_and_html_render_every_row_from_the_data()
    {
        var report = Sample();
        var markdown = CompareWriter.Markdown(report);
        var html = CompareWriter.Html(report);

        Assert.Contains("| scenario | measure | in-memory | PostgreSQL | ratio |", markdown, StringComparison.Ordinal);
        Assert.Contains("| steady | accepted/s | 270.0 | 121.5 | 0.45× |", markdown, StringComparison.Ordinal);
        Assert.Contains("| import | import until settled, ms | 5700 | 22200 | 3.89× |", markdown, StringComparison.Ordinal);
        Assert.Contains("<tr><td>steady</td><td>accepted/s</td><td class=\"n\">270.0</td><td class=\"n\">121.5</td><td class=\"n\">0.45&#215;</td></tr>", html, StringComparison.Ordinal);
        foreach (var row in report.Rows)
        {
            Assert.Contains($"| {string.Join(" | ", CompareWriter.Cells(row))} |", markdown, StringComparison.Ordinal);
            Assert.Contains($"<td>{System.Net.WebUtility.HtmlEncode(row.Measure)}</td>", html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("in-memory in in-memory/", markdown, StringComparison.Ordinal);
        // The seed the overview shows is the drive's, not the document's (a file document has none of its own).
        Assert.Contains($"drive seed {report.Settings.Seed} (", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_json_carries_the_rows_as_numbers_and_the_back_ends()
    {
        using var json = JsonDocument.Parse(CompareWriter.ToJson(Sample()));
        var root = json.RootElement;

        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal("postgresql", root.GetProperty("backends")[1].GetProperty("reportFolder").GetString());
        var rate = root.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("scenario").GetString() == "steady" && r.GetProperty("measure").GetString() == "accepted/s");
        Assert.Equal(270, rate.GetProperty("inMemory").GetProperty("value").GetDouble());
        Assert.Equal(121.5, rate.GetProperty("postgreSql").GetProperty("value").GetDouble());
        Assert.Equal(0.45, rate.GetProperty("ratio").GetDouble());
    }

    [Fact]
    public void Over_several_rounds_each_cell_is_the_median_with_its_range_and_the_ratios_go_round_by_round()
    {
        (double InMemory, double PostgreSql)[] rates = [(1220.4, 1053.8), (1735.0, 892.3), (1579.4, 1232.9)];
        var rounds = rates.Select((r, i) => new BackendRound(
            Backend("memory", 5700 + i, r.InMemory, 0, Settle(40, 144), 512L << 20, ok: true), $"round-{i + 1}/in-memory",
            Backend("postgres", 22200 + i, r.PostgreSql, 0, Settle(184, 517), 768L << 20, ok: i != 1), $"round-{i + 1}/postgresql")).ToList();

        var report = CompareRows.Build(rounds, new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero));

        var rate = Row(report, "steady", "accepted/s");
        Assert.Equal(("1579.4 (1220.4–1735.0)", "1053.8 (892.3–1232.9)", 0.67), (rate.InMemory.Text, rate.PostgreSql.Text, rate.Ratio));
        var steady = Assert.Single(report.AcceptedRatios, r => r.Scenario == "steady");
        Assert.Equal([0.86, 0.51, 0.78], steady.Ratios);
        Assert.Equal(0.78, steady.Median);
        Assert.Equal(3, report.Rounds);
        Assert.Equal(6, report.Backends.Count);
        Assert.Equal("round-3/postgresql", report.Backends[5].ReportFolder);
        Assert.False(report.Ok);
        Assert.Equal("PostgreSQL (round 2)", CompareWriter.FailedOn(report));
        var reconciliation = Row(report, "steady", "reconciliation");
        Assert.Equal(("ok", "3 problems", true), (reconciliation.InMemory.Text, reconciliation.PostgreSql.Text, reconciliation.Alarm));
        var markdown = CompareWriter.Markdown(report);
        Assert.Contains("- steady: accepted/s PostgreSQL / in-memory by round 0.86×, 0.51×, 0.78×; median 0.78×", markdown, StringComparison.Ordinal);
        Assert.Contains("3 rounds, alternating which back end goes first", markdown, StringComparison.Ordinal);
        Assert.Contains("Each run's own report is in round-1/ … round-3/, in-memory/ and postgresql/", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void One_round_shows_no_ranges_and_no_round_lines()
    {
        var report = Sample();

        Assert.Equal(1, report.Rounds);
        Assert.Empty(CompareWriter.RoundLines(report));
        Assert.DoesNotContain("(", Row(report, "steady", "accepted/s").InMemory.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2.0)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { }, null)]
    public void The_median_of_what_was_measured(double[] values, double? median)
    {
        Assert.Equal(median, CompareRows.Median([.. values.Select(v => (double?)v), null]));
    }

    [Theory]
    [InlineData(100.0, 80.0, 0.8)]
    [InlineData(0.0, 5.0, null)]
    [InlineData(null, 5.0, null)]
    [InlineData(3.0, null, null)]
    public void The_ratio_is_postgresql_over_in_memory_and_missing_without_a_base(double? inMemory, double? postgreSql, double? ratio)
    {
        Assert.Equal(ratio, CompareRows.Ratio(inMemory, postgreSql));
    }

    [Fact]
    public void Database_names_are_unique_per_run_and_need_no_quoting()
    {
        var at = new DateTimeOffset(2027, 1, 4, 9, 30, 5, TimeSpan.Zero);
        var name = FreshDatabase.NewName(at, new Random(1));

        Assert.StartsWith("pmo_compare_20270104_093005_", name, StringComparison.Ordinal);
        Assert.All(name, c => Assert.True(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_', name));
        Assert.NotEqual(name, FreshDatabase.NewName(at, new Random(2)));
    }
}
