using System.CommandLine;
using Pmo.Load.Scenarios;

namespace Pmo.Load.Commands;

/// <summary>
/// The options that say how a verb drives a service (which scenario, how hard, how long, where the
/// report goes), made once so that <c>run</c> and <c>compare</c> take them with the same names,
/// defaults and rules: a comparison runs exactly the workload a <c>run</c> would.
/// </summary>
public sealed class DriveOptionSet
{
    public Option<string> Scenario { get; } = new Option<string>("--scenario")
    {
        Description = "the scenario to drive, or all of them in turn",
        HelpName = string.Join("|", ScenarioCatalog.Choices),
        DefaultValueFactory = _ => ScenarioCatalog.Every,
    }.OneOf(ScenarioCatalog.Choices);

    public Option<int> Duration { get; } = HarnessOptions.Number("--duration", 30, 1, "seconds each paced scenario drives");
    public Option<double> Rate { get; } = HarnessOptions.Number("--rate", 100.0, 0.0, "commands offered per second (0: as fast as they are accepted)");
    public Option<int> Clients { get; } = HarnessOptions.Number("--clients", 20, 0, "SignalR subscribers connected in mixed");
    public Option<int> Concurrency { get; } = HarnessOptions.Number("--concurrency", 32, 1, "commands in flight at most");
    public Option<int> Warmup { get; } = HarnessOptions.Number("--warmup", 0, 0,
        "seconds of steady load before the measured scenarios, not measured; the document is then imported again (a fresh host spends its first seconds compiling)");
    public Option<int> BaselineSeconds { get; } = HarnessOptions.Number("--baseline-seconds", 30, 1, "cap on each in-process baseline strategy, in seconds");
    public Option<int> SettleTimeout { get; } = HarnessOptions.Number("--settle-timeout", 120, 1, "seconds accepted changes may take to settle after the drive");

    /// <summary>Adds the options to <paramref name="command"/>, the verb's own <paramref name="between"/> after the pace and before the limits.</summary>
    public void AddTo(Command command, params Option[] between)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in (Option[])[Scenario, Duration, Rate, Clients, Concurrency, Warmup, .. between, BaselineSeconds, SettleTimeout])
            command.Options.Add(option);
    }

    public string ScenarioName(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetRequiredValue(Scenario).ToLowerInvariant();
    }

    /// <param name="seed">The drive's seed: the document's, so that one seed reproduces the whole run.</param>
    public ScenarioSettings Settings(ParseResult parse, int seed, int? pid)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ScenarioSettings
        {
            Drive = new DriveOptions
            {
                Rate = parse.GetValue(Rate),
                Concurrency = parse.GetValue(Concurrency),
                Duration = TimeSpan.FromSeconds(parse.GetValue(Duration)),
                Clients = parse.GetValue(Clients),
                Seed = seed,
            },
            Pid = pid,
            Warmup = TimeSpan.FromSeconds(parse.GetValue(Warmup)),
            BaselineCap = TimeSpan.FromSeconds(parse.GetValue(BaselineSeconds)),
            SettleTimeout = TimeSpan.FromSeconds(parse.GetValue(SettleTimeout)),
        };
    }
}
