using System.CommandLine;
using System.Text.Json;
using Pmo.Load.Scenarios;

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
        var drive = new DriveOptionSet();
        var pid = new Option<int?>("--pid") { Description = "the service's process id, to sample its RSS and CPU", HelpName = "PID" };
        var outDir = new Option<string>("--out") { Description = "folder for report.json, report.md and report.html (default load-reports/<time>-<scenario>)", HelpName = "DIR" };
        var command = new Command("run", "import a portfolio into a running service, drive it, measure settle and alert latency, reconcile, and write a report");
        var service = new ServiceOptions(command, environment);
        drive.AddTo(command, pid, outDir);
        command.SetAction((parse, cancellationToken) =>
        {
            var target = service.Read(parse);
            var settings = drive.Settings(parse, target.Document.Seed, parse.GetValue(pid));
            return RunAsync(target, drive.ScenarioName(parse), settings, parse.GetValue(outDir), terminal, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(ServiceTarget service, string scenarioName, ScenarioSettings settings, string? outDir, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(terminal);
        var document = service.Document;
        var (_, bytes, info) = await DocumentSource.LoadStepAsync(terminal, document, cancellationToken).ConfigureAwait(false);
        var reportDir = DocumentSource.ReportFolder(outDir, scenarioName);
        var report = await DriveAsync(service.Address, service.Token, bytes, info, scenarioName, settings, reportDir, terminal, cancellationToken).ConfigureAwait(false);
        return report.Ok ? Cli.Ok : Cli.Failed;
    }

    /// <summary>
    /// Imports the document's bytes into the service, drives the scenarios, reconciles, writes the
    /// three reports into <paramref name="reportDir"/>, tells the terminal, and returns the report.
    /// </summary>
    public static async Task<LoadReport> DriveAsync(Uri target, string? token, byte[] bytes, DocumentInfo info, string scenarioName, ScenarioSettings settings,
        string reportDir, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(terminal);
        var drive = settings.Drive;
        using var client = new ServiceClient(target, drive.Concurrency, token: token);
        var health = await DocumentSource.WaitHealthyAsync(client, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{target} did not answer GET /health with 200 within 60 s");

        terminal.Line(Inv($"importing {info.Source}: {info.Projects} projects, {info.Tasks} tasks, {info.CrossLinks} cross links ({bytes.Length} bytes) into {target}"));
        var import = await terminal.StepAsync("import", null, t => DocumentSource.ImportAsync(client, bytes, t), cancellationToken).ConfigureAwait(false);
        info = info with { ImportChangeId = import.ChangeId, ImportSettleMs = import.SettleMs, ImportTotalMs = import.TotalMs };
        terminal.Line(Inv($"import {import.ChangeId} settled in {import.SettleMs:0} ms ({import.TotalMs:0} ms from sending it)"));
        if (settings.Warmup > TimeSpan.Zero) await WarmUpAsync(client, bytes, settings, terminal, cancellationToken).ConfigureAwait(false);

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
                WarmupSeconds = settings.Warmup.TotalSeconds,
            },
            Scenarios = reports,
        };
        var files = await ReportWriter.WriteAsync(reportDir, report, cancellationToken).ConfigureAwait(false);
        ReportPage.Show(terminal, ReportTables.Title(report), ReportTables.Overview(report), ReportTables.Console(report), files);
        terminal.Line(report.Ok ? "reconciliation: ok" : "reconciliation: FAILED");
        return report;
    }

    /// <summary>
    /// Steady load that is not measured, then the document imported again, so that the measured scenarios start
    /// from the imported state on a host that has compiled its hot paths: a fresh host spends most of its first
    /// 20 s in the JIT's tiering, which a comparison of two fresh hosts would otherwise measure.
    /// </summary>
    private static async Task WarmUpAsync(ServiceClient client, byte[] bytes, ScenarioSettings settings, Terminal terminal, CancellationToken cancellationToken)
    {
        terminal.Line(Inv($"warm-up: {settings.Warmup.TotalSeconds:0} s of steady load, not measured; then the document again"));
        var warmup = settings with { Drive = settings.Drive with { Duration = settings.Warmup }, BaselineCap = TimeSpan.FromSeconds(1), BaselineMaxBatchChanges = 1 };
        var warmed = await ScenarioRunner.RunAsync(new SteadyScenario(), client, warmup, terminal, cancellationToken).ConfigureAwait(false);
        var again = await terminal.StepAsync("import again", null, t => DocumentSource.ImportAsync(client, bytes, t), cancellationToken).ConfigureAwait(false);
        terminal.Line(Inv($"warm-up: {warmed.Accepted} commands; the document again settled in {again.SettleMs:0} ms"));
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
