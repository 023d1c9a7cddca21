using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pmo.Domain.Documents;
using Pmo.Generator;
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
public sealed class RunCommand : ICommand
{
    public static readonly string[] ScenarioNames = ["steady", "cascade", "reorg", "mixed"];

    public string Name => "run";

    public string Usage => "run --target URL --scenario steady|cascade|reorg|mixed|all --duration SECONDS [--document FILE | --size S|M|L|XL --seed N] [--rate N] [--clients N] [--concurrency N] [--pid PID] [--out DIR] [--baseline-seconds N] [--settle-timeout N]";

    public string Summary => "import a portfolio into a running service, drive it, measure settle and alert latency, reconcile, and write a report";

    public IReadOnlyCollection<string> Options { get; } =
        ["target", "scenario", "duration", "document", "size", "seed", "rate", "clients", "concurrency", "pid", "out", "baseline-seconds", "settle-timeout", "token"];

    public async Task<int> RunAsync(CommandLine commandLine, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(output);
        var target = Target(commandLine.Required("target"));
        var scenarioName = (commandLine.Optional("scenario") ?? "all").ToLowerInvariant();
        var scenarios = scenarioName == "all" ? ScenarioNames
            : ScenarioNames.Contains(scenarioName) ? [scenarioName]
            : throw new UsageException($"--scenario must be one of {string.Join("|", ScenarioNames)}|all, not '{scenarioName}'");
        var duration = commandLine.OptionalInt("duration", 30);
        if (duration < 1) throw new UsageException("--duration must be at least 1 second");
        var seed = commandLine.OptionalInt("seed", 1);
        var drive = new DriveOptions
        {
            Rate = Number(commandLine, "rate", 100),
            Concurrency = Positive(commandLine, "concurrency", 32),
            Duration = TimeSpan.FromSeconds(duration),
            Clients = commandLine.OptionalInt("clients", 20),
            Seed = seed,
        };
        var pid = commandLine.Optional("pid") is not null ? commandLine.OptionalInt("pid", 0) : (int?)null;
        var settings = new ScenarioSettings
        {
            Drive = drive,
            Pid = pid,
            BaselineCap = TimeSpan.FromSeconds(Positive(commandLine, "baseline-seconds", 30)),
            SettleTimeout = TimeSpan.FromSeconds(Positive(commandLine, "settle-timeout", 120)),
        };
        var (_, bytes, info) = await DocumentSource.LoadAsync(commandLine, cancellationToken).ConfigureAwait(false);
        var outDir = Path.GetFullPath(commandLine.Optional("out")
            ?? Path.Combine("load-reports", $"{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{scenarioName}"));

        using var client = new ServiceClient(target, drive.Concurrency, token: commandLine.Optional("token") ?? Environment.GetEnvironmentVariable("PMO_TOKEN"));
        var health = await DocumentSource.WaitHealthyAsync(client, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{target} did not answer GET /health with 200 within 60 s");

        output.WriteLine(Inv($"importing {info.Source}: {info.Projects} projects, {info.Tasks} tasks, {info.CrossLinks} cross links ({bytes.Length} bytes) into {target}"));
        var (importId, importMs) = await DocumentSource.ImportAsync(client, bytes, cancellationToken).ConfigureAwait(false);
        info = info with { ImportChangeId = importId, ImportSettleMs = importMs };
        output.WriteLine(Inv($"import {importId} settled in {importMs:0} ms"));

        var reports = new List<ScenarioReport>();
        foreach (var name in scenarios)
        {
            IScenario scenario = name switch
            {
                "steady" => new SteadyScenario(),
                "cascade" => new CascadeScenario(),
                "reorg" => new ReorgScenario(),
                _ => new MixedScenario(),
            };
            output.WriteLine(Inv($"{name}: {(name == "reorg" ? "as fast as accepted" : $"{drive.Duration.TotalSeconds:0} s at {drive.Rate}/s")}, {drive.Concurrency} in flight{(name == "mixed" ? $", {drive.Clients} SignalR clients" : "")}"));
            reports.Add(await ScenarioRunner.RunAsync(scenario, client, settings, output, cancellationToken).ConfigureAwait(false));
        }

        var report = new LoadReport
        {
            GeneratedAt = DateTimeOffset.UtcNow,
            Target = target.ToString(),
            Document = info,
            Machine = MachineInfo.Current(),
            Service = new ServiceInfo { Mode = Mode(health), Health = health, Pid = pid },
            Settings = new RunSettings
            {
                Rate = drive.Rate, Concurrency = drive.Concurrency, DurationSeconds = duration, Clients = drive.Clients, Seed = seed,
            },
            Scenarios = reports,
        };
        var files = await ReportWriter.WriteAsync(outDir, report, cancellationToken).ConfigureAwait(false);
        output.WriteLine();
        output.Write(ReportWriter.Markdown(report).Split("\n### ")[0]);
        output.WriteLine();
        foreach (var file in files) output.WriteLine($"wrote {file}");
        output.WriteLine(report.Ok ? "reconciliation: ok" : "reconciliation: FAILED");
        return report.Ok ? Cli.Ok : Cli.Failed;
    }

    internal static Uri Target(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new UsageException($"--target must be an http(s) URL, not '{text}'");
        return uri;
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

    private static double Number(CommandLine commandLine, string name, double fallback)
    {
        if (commandLine.Optional(name) is not { } text) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new UsageException($"--{name} must be a number >= 0, not '{text}'");
    }

    private static int Positive(CommandLine commandLine, string name, int fallback)
    {
        var value = commandLine.OptionalInt(name, fallback);
        return value >= 1 ? value : throw new UsageException($"--{name} must be at least 1");
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The document a verb imports (a file, or one generated from a size and seed), and the import itself.</summary>
public static class DocumentSource
{
    public static async Task<(PortfolioDocument Document, byte[] Bytes, DocumentInfo Info)> LoadAsync(CommandLine commandLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        PortfolioDocument document;
        byte[] bytes;
        string source;
        string? size = null;
        int? seed = null;
        if (commandLine.Optional("document") is { } file)
        {
            if (commandLine.Has("size")) throw new UsageException("give --document or --size, not both");
            var path = Path.GetFullPath(file);
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            using var stream = new MemoryStream(bytes, writable: false);
            document = PortfolioJson.Read(stream);
            source = path;
        }
        else if (commandLine.Optional("size") is { } named)
        {
            if (!GeneratorOptions.Sizes.Contains(named, StringComparer.OrdinalIgnoreCase))
                throw new UsageException($"--size must be one of {string.Join("|", GeneratorOptions.Sizes)}, not '{named}'");
            size = named.ToUpperInvariant();
            seed = commandLine.OptionalInt("seed", 1);
            document = EnterpriseGenerator.Generate(GeneratorOptions.ForSize(named, seed.Value));
            bytes = PortfolioJson.ToBytes(document);
            source = string.Create(CultureInfo.InvariantCulture, $"generated {size} seed {seed}");
        }
        else throw new UsageException("give --document FILE or --size S|M|L|XL [--seed N]");

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
