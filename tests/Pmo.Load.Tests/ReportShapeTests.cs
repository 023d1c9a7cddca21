using System.Text.Json;
using Pmo.Load.Baseline;
using Pmo.Load.Measurement;
using Pmo.Load.Reconciliation;
using Pmo.Load.Reports;

namespace Pmo.Load.Tests;

/// <summary>report.json carries CONTRACT.md "Load harness"'s fields under exactly those names.</summary>
public sealed class ReportShapeTests
{
    private static readonly Percentiles Some = new() { Count = 3, P50 = 1.5, P95 = 2.5, P99 = 3.5, Max = 4.5, Mean = 2 };

    internal static LoadReport Sample(bool ok = true) => new()
    {
        GeneratedAt = new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero),
        Target = "http://127.0.0.1:5080/",
        Document = new DocumentInfo { Source = "generated S seed 1", Size = "S", Seed = 1, Projects = 100 },
        Machine = new MachineInfo { Cores = 2, MemoryBytes = 1L << 34 },
        Service = new ServiceInfo { Mode = "unknown" },
        Settings = new RunSettings { Rate = 100, Concurrency = 32, DurationSeconds = 3, Clients = 20, Seed = 1 },
        Scenarios =
        [
            new ScenarioReport
            {
                Name = "steady",
                Commands = 300,
                Accepted = 300,
                AcceptedPerSecond = 99.5,
                Errors = 0,
                SettleMs = Some,
                SettleClientMs = Some,
                AlertLatencyMs = Percentiles.Empty,
                GrainsTouched = Some,
                AlertsRaised = Some,
                Clients = new ClientStats { Count = 1 },
                Timeline =
                [
                    new TimelinePoint { Second = 0, Sent = 100, Accepted = 100, SettleMs = new Percentiles { Count = 100, P50 = 1, P99 = 2, Max = 3 } },
                    new TimelinePoint { Second = 1, Sent = 100, Accepted = 99, Errors = 1, SettleMs = new Percentiles { Count = 99, P50 = 2, P99 = 4, Max = 9 } },
                ],
                Baseline = new BaselineComparison
                {
                    InProcess = new BaselineResult { Work = "w", Batch = new StrategyResult(), Incremental = new StrategyResult(), IncrementalMatchesBatch = true },
                },
                Reconciliation = ok
                    ? new ReconciliationResult { Ok = true }
                    : new ReconciliationResult { Ok = false, Problems = ["link a/t1 -> b/t1 (FS, lag 0): violated | badly"], ProblemCount = 1 },
            },
        ],
    };

    [Fact]
    public void Report_json_has_the_contract_field_names_per_scenario()
    {
        using var json = JsonDocument.Parse(ReportWriter.ToJson(Sample()));
        var scenario = json.RootElement.GetProperty("scenarios")[0];

        Assert.Equal("steady", scenario.GetProperty("name").GetString());
        Assert.Equal(300, scenario.GetProperty("commands").GetInt64());
        Assert.Equal(99.5, scenario.GetProperty("acceptedPerSecond").GetDouble());
        Assert.Equal(0, scenario.GetProperty("errors").GetInt64());
        // An addition to the contract's fields: refusals under overload, counted apart from errors.
        Assert.Equal(0, scenario.GetProperty("refused").GetInt64());
        Assert.Equal(0, scenario.GetProperty("timeline")[1].GetProperty("refused").GetInt64());
        foreach (var name in new[] { "settleMs", "alertLatencyMs" })
        {
            var percentiles = scenario.GetProperty(name);
            foreach (var field in new[] { "p50", "p95", "p99", "max" })
                Assert.True(percentiles.TryGetProperty(field, out _), $"{name}.{field} is missing");
        }
        Assert.Equal(3.5, scenario.GetProperty("settleMs").GetProperty("p99").GetDouble());
        Assert.Equal(JsonValueKind.Null, scenario.GetProperty("alertLatencyMs").GetProperty("p50").ValueKind);
        var reconciliation = scenario.GetProperty("reconciliation");
        Assert.True(reconciliation.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Array, reconciliation.GetProperty("problems").ValueKind);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(2, json.RootElement.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal("unknown", json.RootElement.GetProperty("service").GetProperty("mode").GetString());
    }

    private static void ContainsAll(string text, params string[] parts) =>
        Assert.All(parts, part => Assert.Contains(part, text, StringComparison.Ordinal));

    [Fact]
    public void Markdown_has_one_row_per_scenario_and_escapes_pipes()
    {
        var markdown = ReportWriter.Markdown(Sample(ok: false));

        ContainsAll(markdown,
            "| scenario | commands | accepted/s | errors |", "| steady | 300 | 99.5 | 0 | 0 | 1.5 / 2.5 / 3.5 / 4.5 |",
            "**1 problem**", "violated \\| badly");
    }

    [Fact]
    public void Html_is_self_contained_with_inline_svg_charts()
    {
        var html = HtmlReport.Render(Sample(ok: false));

        ContainsAll(html, "<svg", "<polyline", "violated | badly");
        Assert.All(new[] { "<script", "src=", "href=" }, part => Assert.DoesNotContain(part, html, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Html_tables_are_rendered_from_the_report_data()
    {
        // Text that Markdown would mangle (emphasis markers, pipes, a line break) must reach the page as it is in the data.
        var sample = Sample(ok: false);
        var report = sample with { Scenarios = [sample.Scenarios[0] with { Notes = ["**not bold** | not a cell\nsame note"] }] };

        var html = HtmlReport.Render(report);

        Assert.Contains("<tr><th>note</th><td>**not bold** | not a cell\nsame note</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>commands sent / accepted</th><td>300 / 300 in 0.0 s</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>reconciliation</th><td class=\"bad\">1 problem</td></tr>", html, StringComparison.Ordinal);
        foreach (var heading in ReportTables.SummaryHeadings)
            Assert.Contains($"<th>{System.Net.WebUtility.HtmlEncode(heading)}</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>steady</td><td>300</td><td>99.5</td><td>0</td><td>0</td><td>1.5 / 2.5 / 3.5 / 4.5</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_and_html_list_the_same_measures()
    {
        var report = Sample(ok: false);
        var markdown = ReportWriter.Markdown(report);
        var html = HtmlReport.Render(report);

        foreach (var measure in ReportTables.Measures(report.Scenarios[0]))
        {
            Assert.Contains($"| {measure.Name} |", markdown, StringComparison.Ordinal);
            Assert.Contains($"<th>{System.Net.WebUtility.HtmlEncode(measure.Name)}</th>", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(7.0, 10.0)]
    [InlineData(180.0, 200.0)]
    [InlineData(1001.0, 2000.0)]
    public void Chart_axes_end_on_round_numbers(double value, double ceiling)
    {
        Assert.Equal(ceiling, SvgChart.NiceCeiling(value));
    }
}
