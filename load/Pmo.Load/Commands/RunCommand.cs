using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pmo.Domain.Documents;
using Pmo.Generator;
using Pmo.Load.Measurement;
using Pmo.Load.Reports;
using Pmo.Load.Scenarios;
using Pmo.Load.Service;
using static Pmo.Load.Invariant;

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
        var target = HarnessOptions.Target();
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
        var token = HarnessOptions.Token();
        var command = new Command("run", "import a portfolio into a running service, drive it, measure settle and alert latency, reconcile, and write a report")
        {
            target, scenario, duration, rate, clients, concurrency, pid, outDir, baselineSeconds, settleTimeout, token,
        };
        var document = new DocumentOptions(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var choice = document.Read(parse);
            var settings = new ScenarioSettings
            {
                Drive = new DriveOptions
                {
                    Rate = parse.GetValue(rate),
                    Concurrency = parse.GetValue(concurrency),
                    Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                    Clients = parse.GetValue(clients),
                    Seed = choice.Seed,
                },
                Pid = parse.GetValue(pid),
                BaselineCap = TimeSpan.FromSeconds(parse.GetValue(baselineSeconds)),
                SettleTimeout = TimeSpan.FromSeconds(parse.GetValue(settleTimeout)),
            };
            var bearer = HarnessOptions.TokenOrVariable(parse.GetValue(token), environment);
            return RunAsync(parse.GetRequiredValue(target), bearer, parse.GetRequiredValue(scenario).ToLowerInvariant(), choice, settings, parse.GetValue(outDir), terminal, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(Uri target, string? token, string scenarioName, DocumentChoice document, ScenarioSettings settings,
        string? outDir, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(terminal);
        var drive = settings.Drive;
        var (_, bytes, info) = await terminal.StepAsync(document.File is null ? Inv($"generate {document.Size} seed {document.Seed}") : $"read {document.File}", null,
            t => DocumentSource.LoadAsync(document, t), cancellationToken).ConfigureAwait(false);
        var reportDir = Path.GetFullPath(outDir
            ?? Path.Combine("load-reports", $"{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{scenarioName}"));

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

/// <summary>The document a verb imports (a file, or one generated from a size and seed), and the import itself.</summary>
public static class DocumentSource
{
    public static async Task<(PortfolioDocument Document, byte[] Bytes, DocumentInfo Info)> LoadAsync(DocumentChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        PortfolioDocument document;
        byte[] bytes;
        string source;
        string? size = null;
        int? seed = null;
        if (choice.File is { } file)
        {
            var path = Path.GetFullPath(file);
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            using var stream = new MemoryStream(bytes, writable: false);
            document = PortfolioJson.Read(stream);
            source = path;
        }
        else
        {
            size = (choice.Size ?? throw new ArgumentException("a document choice names a file or a size", nameof(choice))).ToUpperInvariant();
            seed = choice.Seed;
            document = await Task.Run(() => EnterpriseGenerator.Generate(GeneratorOptions.ForSize(size, choice.Seed)), cancellationToken).ConfigureAwait(false);
            bytes = PortfolioJson.ToBytes(document);
            source = Inv($"generated {size} seed {seed}");
        }

        var projects = document.Projects ?? [];
        return (document, bytes, new DocumentInfo
        {
            Source = source,
            Size = size,
            Seed = seed,
            Projects = projects.Count,
            Tasks = projects.Sum(p => p.Tasks?.Count ?? 0),
            Resources = document.Resources?.Count ?? 0,
            Portfolios = document.Portfolios?.Count ?? 0,
            CrossLinks = document.CrossLinks?.Count ?? 0,
            Bytes = bytes.Length,
        });
    }

    public static async Task<string?> WaitHealthyAsync(ServiceClient client, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (await client.HealthAsync(cancellationToken).ConfigureAwait(false) is { } body) return body;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>Imports and waits for the import's change to settle; returns its id and the time from 202 to settled.</summary>
    public static async Task<(string ChangeId, double SettleMs)> ImportAsync(ServiceClient client, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var outcome = await client.ImportAsync(bytes, cancellationToken).ConfigureAwait(false);
        if (!outcome.Accepted)
            throw new InvalidOperationException($"the import was refused: {outcome.ErrorKind} {outcome.Detail}");
        _ = await client.WaitSettledAsync(outcome.ChangeId!, TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the import {outcome.ChangeId} did not settle within 30 minutes");
        return (outcome.ChangeId!, Math.Round((RunClock.Now - outcome.AnsweredAt).TotalMilliseconds, 1));
    }
}
