using System.CommandLine;
using Pmo.Load.Comparison;
using Pmo.Load.Hosting;
using Pmo.Load.Scenarios;

namespace Pmo.Load.Commands;

/// <summary>
/// <c>compare --postgres CS</c>: the same workload on both back ends, one after the other. For each it
/// starts a fresh Pmo.Host of its own (in-memory, then PostgreSQL on a new empty database), drives it
/// exactly as <c>run</c> does (same document bytes, scenarios, options and seed, the host's process
/// sampled), stops it, and writes each back end's report into a folder of its own; then
/// compare.json, compare.md and compare.html side by side. Exit code 1 when either reconciliation fails.
/// </summary>
public static class CompareCommand
{
    public const string InMemoryFolder = "in-memory";
    public const string PostgreSqlFolder = "postgresql";

    /// <summary>How long a host may take to start answering GET /health (a PostgreSQL one applies its schema first).</summary>
    private static readonly TimeSpan HostStart = TimeSpan.FromSeconds(120);

    public static Command Create(Terminal terminal)
    {
        var drive = new DriveOptionSet();
        var postgres = new Option<string>("--postgres")
        {
            Description = "Npgsql connection string to a PostgreSQL server; each run creates (and drops) a database of its own there",
            HelpName = "CS",
            Required = true,
        };
        var hostDll = new Option<string>("--host-dll")
        {
            Description = "Pmo.Host.dll to start (default: src/Pmo.Host/bin/Release/net10.0/Pmo.Host.dll, found from the current folder upwards)",
            HelpName = "PATH",
        };
        var rounds = HarnessOptions.Number("--rounds", 1, 1,
            "times to run both back ends, alternating which goes first; each measure is then the median over the rounds (on a machine whose speed drifts, one pair can differ by tens of percent)");
        var keep = new Option<bool>("--keep-database") { Description = "keep the PostgreSQL run's database afterwards, to look into it" };
        var outDir = new Option<string>("--out")
        {
            Description = "folder for compare.json, compare.md, compare.html and each back end's report folder (default load-reports/<time>-compare-<scenario>)",
            HelpName = "DIR",
        };
        var command = new Command("compare", "run the same workload against a fresh in-memory host and a fresh PostgreSQL host, and write one side-by-side report");
        command.Options.Add(postgres);
        var document = new DocumentOptions(command);
        drive.AddTo(command, outDir, hostDll, rounds, keep);
        command.SetAction((parse, cancellationToken) =>
        {
            var choice = document.Read(parse);
            var run = new CompareRun
            {
                Postgres = parse.GetRequiredValue(postgres),
                Document = choice,
                Scenario = drive.ScenarioName(parse),
                Settings = drive.Settings(parse, choice.Seed, pid: null),
                HostDll = parse.GetValue(hostDll),
                KeepDatabase = parse.GetValue(keep),
                Rounds = parse.GetValue(rounds),
                OutDir = parse.GetValue(outDir),
            };
            return RunAsync(run, terminal, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(CompareRun run, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(terminal);
        var dll = run.HostDll is { } given ? Path.GetFullPath(given)
            : HostProcess.FindReleaseBuild(Environment.CurrentDirectory)
              ?? throw new InvalidOperationException("no src/Pmo.Host/bin/Release/net10.0/Pmo.Host.dll above the current folder; build it (dotnet build -c Release src/Pmo.Host) or give --host-dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"--host-dll {dll} does not exist");
        var outDir = DocumentSource.ReportFolder(run.OutDir, $"compare-{run.Scenario}");

        // Generated (or read) once: both back ends import the very same bytes.
        var (_, bytes, info) = await DocumentSource.LoadStepAsync(terminal, run.Document, cancellationToken).ConfigureAwait(false);

        var rounds = new List<BackendRound>();
        for (var round = 1; round <= run.Rounds; round++)
        {
            var folder = run.Rounds == 1 ? "" : Inv($"round-{round}/");
            if (run.Rounds > 1) terminal.Line(Inv($"== round {round} of {run.Rounds}"));
            // Odd rounds start in memory, even ones on PostgreSQL: a machine that slows down or speeds up
            // over the run then favours neither back end in the median.
            LoadReport? inMemory = null, postgreSql = null;
            foreach (var inMemoryNow in round % 2 == 1 ? new[] { true, false } : [false, true])
            {
                if (inMemoryNow)
                {
                    terminal.Line($"== {CompareRows.InMemoryName}: a fresh host, state in memory");
                    inMemory = await DriveOneAsync(run, dll, "in-memory", [], bytes, info, Path.Combine(outDir, folder + InMemoryFolder), terminal, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                await using var database = await FreshDatabase.CreateAsync(run.Postgres, run.KeepDatabase, cancellationToken).ConfigureAwait(false);
                terminal.Line($"== {CompareRows.PostgreSqlName}: a fresh host on the new empty database {database.Name}{(run.KeepDatabase ? " (kept afterwards)" : "")}");
                postgreSql = await DriveOneAsync(run, dll, "postgresql", ["--postgres", database.ConnectionString], bytes, info, Path.Combine(outDir, folder + PostgreSqlFolder), terminal, cancellationToken).ConfigureAwait(false);
            }
            rounds.Add(new BackendRound(inMemory!, folder + InMemoryFolder, postgreSql!, folder + PostgreSqlFolder));
        }

        var report = CompareRows.Build(rounds, DateTimeOffset.UtcNow);
        var files = await CompareWriter.WriteAsync(outDir, report, cancellationToken).ConfigureAwait(false);
        ReportPage.Show(terminal, CompareWriter.Title(report), CompareWriter.Overview(report), CompareWriter.Console(report), files);
        foreach (var line in CompareWriter.RoundLines(report)) terminal.Line(line);
        terminal.Line(report.Ok ? "reconciliation: ok on both back ends" : "reconciliation: FAILED on " + CompareWriter.FailedOn(report));
        return report.Ok ? Cli.Ok : Cli.Failed;
    }

    /// <summary>One back end: a fresh host, the run's workload with its process sampled, the host stopped.</summary>
    private static async Task<LoadReport> DriveOneAsync(CompareRun run, string dll, string expectedMode, string[] backend, byte[] bytes, DocumentInfo info, string reportDir,
        Terminal terminal, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(reportDir);
        await using var host = await terminal.StepAsync("start Pmo.Host", null,
            t => HostProcess.StartAsync(dll, backend, HostStart, Path.Combine(reportDir, "host.log"), t), cancellationToken).ConfigureAwait(false);
        terminal.Line(Inv($"Pmo.Host pid {host.Pid} at {host.Address}"));
        var settings = run.Settings with { Pid = host.Pid };
        var report = await RunCommand.DriveAsync(host.Address, token: null, bytes, info, run.Scenario, settings, reportDir, terminal, cancellationToken).ConfigureAwait(false);
        // A host that ignored --postgres would make the comparison compare nothing: its health says which it ran on.
        if (!report.Service.Mode.StartsWith(expectedMode, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"the host started for {expectedMode} says its mode is '{report.Service.Mode}'");
        return report;
    }
}

/// <summary>What one comparison runs: the server, the document, and the workload <c>run</c> would drive.</summary>
public sealed record CompareRun
{
    public required string Postgres { get; init; }
    public required DocumentChoice Document { get; init; }
    public required string Scenario { get; init; }
    public required ScenarioSettings Settings { get; init; }
    public string? HostDll { get; init; }
    public bool KeepDatabase { get; init; }
    /// <summary>How many times both back ends run (at least 1).</summary>
    public int Rounds { get; init; } = 1;
    public string? OutDir { get; init; }
}
