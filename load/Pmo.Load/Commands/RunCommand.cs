using System.CommandLine;
using System.Text.Json;
using Pmo.Load.Measurement;
using Pmo.Load.Reports;
using Pmo.Load.Scenarios;
using Pmo.Load.Service;

namespace Pmo.Load.Commands;

/// <summary>
/// <c>run</c>: imports a document into a running service and drives it with one scenario or all of
/// them, through the public HTTP and SignalR contract only; reconciles after each scenario and
/// writes report.json, report.md and report.html. Exit code 1 when any reconciliation fails.
/// </summary>
public static class RunCommand
{
    public static Command Create(Terminal terminal, Func<string, string?> environment)
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "the scenario to drive, or all of them in turn",
            HelpName = string.Join("|", ScenarioCatalog.Choices),
            DefaultValueFactory = _ => ScenarioCatalog.Every,
        }.OneOf(ScenarioCatalog.Choices);
        var duration = HarnessOptions.Number("--duration", 30, 1, "seconds each paced scenario drives");
        var rate = HarnessOptions.Number("--rate", 100.0, 0.0, "commands offered per second (0: as fast as they are accepted)");
        var clients = HarnessOptions.Number("--clients", 20, 0, "SignalR subscribers connected in mixed");
        var concurrency = HarnessOptions.Number("--concurrency", 32, 1, "commands in flight at most");
        var pid = new Option<int?>("--pid") { Description = "the service's process id, to sample its RSS and CPU", HelpName = "PID" };
        var outDir = new Option<string>("--out") { Description = "folder for report.json, report.md and report.html (default load-reports/<time>-<scenario>)", HelpName = "DIR" };
        var baselineSeconds = HarnessOptions.Number("--baseline-seconds", 30, 1, "cap on each in-process baseline strategy, in seconds");
        var settleTimeout = HarnessOptions.Number("--settle-timeout", 120, 1, "seconds accepted changes may take to settle after the drive");
        var command = new Command("run", "import a portfolio into a running service, drive it, measure settle and alert latency, reconcile, and write a report");
        var service = new ServiceOptions(command, environment);
        foreach (Option option in (Option[])[scenario, duration, rate, clients, concurrency, pid, outDir, baselineSeconds, settleTimeout]) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) =>
        {
            var target = service.Read(parse);
            var settings = new ScenarioSettings
            {
                Drive = new DriveOptions
                {
                    Rate = parse.GetValue(rate),
                    Concurrency = parse.GetValue(concurrency),
                    Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                    Clients = parse.GetValue(clients),
                    Seed = target.Document.Seed,
                },
                Pid = parse.GetValue(pid),
                BaselineCap = TimeSpan.FromSeconds(parse.GetValue(baselineSeconds)),
                SettleTimeout = TimeSpan.FromSeconds(parse.GetValue(settleTimeout)),
            };
            return RunAsync(target, parse.GetRequiredValue(scenario).ToLowerInvariant(), settings, parse.GetValue(outDir), terminal, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(ServiceTarget service, string scenarioName, ScenarioSettings settings, string? outDir, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(terminal);
        var (target, token, document) = service;
        var drive = settings.Drive;
        var (_, bytes, info) = await terminal.StepAsync(document.File is null ? Inv($"generate {document.Size} seed {document.Seed}") : $"read {document.File}", null,
            t => DocumentSource.LoadAsync(document, t), cancellationToken).ConfigureAwait(false);
        var reportDir = Path.GetFullPath(outDir
            ?? Path.Combine("load-reports", Inv($"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{scenarioName}")));

        using var client = new ServiceClient(target, drive.Concurrency, token: token);
        var health = await DocumentSource.WaitHealthyAsync(client, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{target} did not answer GET /health with 200 within 60 s");

        terminal.Line(Inv($"importing {info.Source}: {info.Projects} projects, {info.Tasks} tasks, {info.CrossLinks} cross links ({bytes.Length} bytes) into {target}"));
        var (importId, importMs) = await terminal.StepAsync("import", null, t => DocumentSource.ImportAsync(client, bytes, t), cancellationToken).ConfigureAwait(false);
        info = info with { ImportChangeId = importId, ImportSettleMs = importMs };
        terminal.Line(Inv($"import {importId} settled in {importMs:0} ms"));

        var reports = new List<ScenarioReport>();
        foreach (var scenario in ScenarioCatalog.Named(scenarioName))
        {
            terminal.Line(Inv($"{scenario.Name}: {(scenario is ReorgScenario ? "as fast as accepted" : $"{drive.Duration.TotalSeconds:0} s at {drive.Rate}/s")}, {drive.Concurrency} in flight{(scenario is MixedScenario ? $", {drive.Clients} SignalR clients" : "")}"));
            reports.Add(await ScenarioRunner.RunAsync(scenario, client, settings, terminal, cancellationToken).ConfigureAwait(false));
        }

        var report = new LoadReport
        {
            GeneratedAt = DateTimeOffset.UtcNow,
            Target = target.ToString(),
            Document = info,
            Machine = MachineInfo.Current(),
            Service = new ServiceInfo { Mode = Mode(health), Health = health, Pid = settings.Pid },
            Settings = new RunSettings
            {
                Rate = drive.Rate, Concurrency = drive.Concurrency, DurationSeconds = drive.Duration.TotalSeconds, Clients = drive.Clients, Seed = drive.Seed,
            },
            Scenarios = reports,
        };
        var files = await ReportWriter.WriteAsync(reportDir, report, cancellationToken).ConfigureAwait(false);
        terminal.Line();
        terminal.Line(ReportTables.Title(report));
        terminal.Line(ReportTables.Overview(report));
        terminal.Write(ReportTables.Console(report));
        foreach (var file in files) terminal.Line($"wrote {file}");
        terminal.Line(report.Ok ? "reconciliation: ok" : "reconciliation: FAILED");
        return report.Ok ? Cli.Ok : Cli.Failed;
    }

    /// <summary>The service's mode if GET /health names one ("mode", "storage"), else "unknown".</summary>
    internal static string Mode(string? health)
    {
        if (string.IsNullOrWhiteSpace(health)) return "unknown";
        try
        {
            using var json = JsonDocument.Parse(health);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return "unknown";
            foreach (var name in new[] { "mode", "storage", "persistence" })
                if (json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String) return value.GetString()!;
        }
        catch (JsonException)
        {
            return "unknown";
        }
        return "unknown";
    }
}
