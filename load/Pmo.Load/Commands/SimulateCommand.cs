using System.Globalization;
using Pmo.Domain.Scheduling;
using Pmo.Load.Measurement;
using Pmo.Load.Model;
using Pmo.Load.Reconciliation;
using Pmo.Load.Scenarios;
using Pmo.Load.Service;

namespace Pmo.Load.Commands;

/// <summary>
/// <c>simulate</c>: lives through the plan day by day. Each day moves the status date on (an import
/// of just <c>statusDate</c>), reports progress and actual cost on the tasks active that day with
/// realistic noise (teams run ahead or behind, a few overrun), slips a few tasks by heavy-tailed
/// amounts and now and then re-baselines a project; then waits for the day's changes to settle.
/// Reconciles at the end; exit code 1 when that fails.
/// </summary>
public sealed class SimulateCommand : ICommand
{
    public string Name => "simulate";

    public string Usage => "simulate --target URL [--document FILE | --size S|M|L|XL --seed N] --days N --pace SECONDS_PER_DAY [--concurrency N]";

    public string Summary => "advance the status date day by day with progress, costs, slips and re-baselines, then reconcile";

    public IReadOnlyCollection<string> Options { get; } = ["target", "document", "size", "seed", "days", "pace", "concurrency", "token"];

    public async Task<int> RunAsync(CommandLine commandLine, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(output);
        var target = RunCommand.Target(commandLine.Required("target"));
        var days = commandLine.RequiredInt("days");
        if (days < 1) throw new UsageException("--days must be at least 1");
        var paceText = commandLine.Optional("pace") ?? "1";
        if (!double.TryParse(paceText, NumberStyles.Float, CultureInfo.InvariantCulture, out var pace) || pace < 0)
            throw new UsageException($"--pace must be a number of seconds >= 0, not '{paceText}'");
        var concurrency = commandLine.OptionalInt("concurrency", 16);
        if (concurrency < 1) throw new UsageException("--concurrency must be at least 1");
        var seed = commandLine.OptionalInt("seed", 1);
        var (_, bytes, info) = await DocumentSource.LoadAsync(commandLine, cancellationToken).ConfigureAwait(false);

        using var client = new ServiceClient(target, concurrency, token: commandLine.Optional("token") ?? Environment.GetEnvironmentVariable("PMO_TOKEN"));
        _ = await DocumentSource.WaitHealthyAsync(client, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{target} did not answer GET /health with 200 within 60 s");
        var (importId, importMs) = await DocumentSource.ImportAsync(client, bytes, cancellationToken).ConfigureAwait(false);
        output.WriteLine(Inv($"imported {info.Source} ({info.Projects} projects) as {importId}, settled in {importMs:0} ms"));

        var state = EnterpriseState.From(await client.ExportAsync(cancellationToken).ConfigureAwait(false));
        var random = new Random(seed);
        // Each project's team has a pace and a cost habit that persist through the simulation.
        var productivity = state.Projects.Keys.ToDictionary(id => id, _ => 0.7 + random.NextDouble() * 0.5, StringComparer.Ordinal);
        var costHabit = state.Projects.Keys.ToDictionary(id => id, _ => random.NextDouble() < 0.15 ? 1.15 + random.NextDouble() * 0.3 : 0.9 + random.NextDouble() * 0.2, StringComparer.Ordinal);
        var status = state.StatusDate ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var settleAll = new LatencyHistogram();
        long sentAll = 0, errorsAll = 0;

        for (var day = 1; day <= days; day++)
        {
            var dayStarted = RunClock.Now;
            status = state.Calendar.DateOf(state.Calendar.LastDayOnOrBefore(status) + 1);
            var moved = await client.PostAsync("/api/import", new { statusDate = DocumentReading.Format(status) }, cancellationToken).ConfigureAwait(false);
            if (!moved.Accepted) throw new InvalidOperationException($"moving the status date to {DocumentReading.Format(status)} was refused: {moved.ErrorKind} {moved.Detail}");
            _ = await client.WaitSettledAsync(moved.ChangeId!, TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
            state.Apply(new StatusDateChange(status));

            var commands = Plan(state, status, random, productivity, costHabit);
            var accepted = new List<(string ChangeId, TimeSpan At)>();
            long errors = 0;
            await Parallel.ForEachAsync(commands, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (command, token) =>
            {
                var outcome = await client.SendAsync(command.Method, command.Path, command.Body, token).ConfigureAwait(false);
                lock (accepted)
                {
                    if (outcome.Accepted)
                    {
                        accepted.Add((outcome.ChangeId!, outcome.AnsweredAt));
                        if (command.Change is { } change) state.Apply(change);
                    }
                    else errors++;
                }
            }).ConfigureAwait(false);

            var settle = new LatencyHistogram();
            await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (change, token) =>
            {
                if (await client.WaitSettledAsync(change.ChangeId, TimeSpan.FromMinutes(2), token).ConfigureAwait(false) is { AcceptedAt: { } a, SettledAt: { } s })
                {
                    settle.Record((s - a).TotalMilliseconds);
                    settleAll.Record((s - a).TotalMilliseconds);
                }
            }).ConfigureAwait(false);
            sentAll += commands.Count;
            errorsAll += errors;
            var summary = settle.Summary();
            output.WriteLine(Inv($"day {day} ({DocumentReading.Format(status)}): {commands.Count} commands ({string.Join(", ", commands.GroupBy(c => c.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Inv($"{g.Key} {g.Count()}")))}), {errors} errors, settle p50 {Reports.ReportWriter.Ms(summary.P50)} ms p99 {Reports.ReportWriter.Ms(summary.P99)} ms"));

            var rest = TimeSpan.FromSeconds(pace) - (RunClock.Now - dayStarted);
            if (rest > TimeSpan.Zero) await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
        }

        var total = settleAll.Summary();
        output.WriteLine(Inv($"simulated {days} days: {sentAll} commands, {errorsAll} errors, settle p50 {Reports.ReportWriter.Ms(total.P50)} ms p99 {Reports.ReportWriter.Ms(total.P99)} ms max {Reports.ReportWriter.Ms(total.Max)} ms"));
        var reconciliation = await ReconciliationRunner.RunAsync(client, seed, cancellationToken).ConfigureAwait(false);
        output.WriteLine(reconciliation.Ok ? "reconciliation: ok" : "reconciliation: FAILED with " + Reports.ReportWriter.Problems(reconciliation.ProblemCount));
        foreach (var problem in reconciliation.Problems.Take(20)) output.WriteLine($"  - {problem}");
        return reconciliation.Ok && errorsAll == 0 ? Cli.Ok : Cli.Failed;
    }

    /// <summary>The day's commands: progress and cost on active tasks, finishing touches on overdue ones, some slips, rare re-baselines.</summary>
    public static List<PlannedCommand> Plan(EnterpriseState state, DateOnly status, Random random,
        IReadOnlyDictionary<string, double> productivity, IReadOnlyDictionary<string, double> costHabit)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(productivity);
        ArgumentNullException.ThrowIfNull(costHabit);
        var dates = CriticalPath.ScheduleAll(state.Networks(), state.CrossLinks);
        var today = state.Calendar.LastDayOnOrBefore(status);
        var commands = new List<PlannedCommand>();
        foreach (var project in state.Projects.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var pace = productivity.GetValueOrDefault(project.Id, 1.0);
            var habit = costHabit.GetValueOrDefault(project.Id, 1.0);
            foreach (var task in project.Tasks)
            {
                var d = dates[new TaskKey(project.Id, task.Id)];
                if (task.Duration == 0 || d.EarlyStart > today || task.PercentComplete >= 100m) continue;
                var elapsed = Math.Min(task.Duration, today - d.EarlyStart + 1);
                var planned = 100.0 * elapsed / task.Duration;
                var noisy = planned * pace * (0.85 + random.NextDouble() * 0.3);
                var percent = Math.Clamp(decimal.Round((decimal)noisy, 1), task.PercentComplete, 100m);
                if (d.EarlyFinish <= today && random.NextDouble() < 0.5) percent = 100m;
                if (percent > task.PercentComplete)
                {
                    var overrun = random.NextDouble() < 0.02 ? 1.5 : 1.0;
                    var actual = decimal.Round(state.TaskCost(task) * percent / 100m * (decimal)(habit * overrun * (0.95 + random.NextDouble() * 0.1)), 2);
                    actual = Math.Max(actual, task.ActualCost);
                    commands.Add(new PlannedCommand("progress", HttpMethod.Post, ScenarioContext.TaskPath(project.Id, task.Id) + "/progress",
                        new { percentComplete = percent, actualCost = actual }, new ProgressChange(project.Id, task.Id, percent, actual)));
                }
                if (d.EarlyFinish > today && random.NextDouble() < 0.03)
                {
                    var days = SteadyScenario.HeavyTailedDays(random, 30);
                    commands.Add(new PlannedCommand("slip", HttpMethod.Post, ScenarioContext.TaskPath(project.Id, task.Id) + "/slip",
                        new { days, reason = "load harness: simulate" }, new SlipChange(project.Id, task.Id, days)));
                }
            }
            if (random.NextDouble() < 0.005)
                commands.Add(new PlannedCommand("baseline", HttpMethod.Post, ScenarioContext.ProjectPath(project.Id) + "/baseline", null, new RebaselineChange(project.Id)));
        }
        return commands;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
