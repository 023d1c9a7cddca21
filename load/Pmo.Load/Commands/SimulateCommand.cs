using System.CommandLine;
using Pmo.Domain.Scheduling;
using Pmo.Generator.Simulation;
using Pmo.Load.Reconciliation;
using Pmo.Load.Scenarios;

namespace Pmo.Load.Commands;

/// <summary>
/// <c>simulate</c>: lives through the plan day by day. Each day moves the status date on (an import
/// of just <c>statusDate</c>), reports progress and actual cost on the tasks active that day with
/// realistic noise (teams run ahead or behind, a few overrun), slips a few tasks by heavy-tailed
/// amounts and now and then re-baselines a project; then waits for the day's changes to settle.
/// Reconciles at the end; exit code 1 when that fails.
/// </summary>
public static class SimulateCommand
{
    public static Command Create(TextWriter output, Func<string, string?> environment)
    {
        var days = HarnessOptions.RequiredNumber("--days", 1, "working days to live through");
        var pace = HarnessOptions.Number("--pace", 1.0, 0.0, "seconds each simulated day takes at least");
        var concurrency = HarnessOptions.Number("--concurrency", 16, 1, "commands in flight at most");
        var command = new Command("simulate", "advance the status date day by day with progress, costs, slips and re-baselines, then reconcile");
        var service = new ServiceOptions(command, environment);
        foreach (Option option in (Option[])[days, pace, concurrency]) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(service.Read(parse), parse.GetValue(days), parse.GetValue(pace), parse.GetValue(concurrency), output, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(ServiceTarget service, int days, double pace, int concurrency, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(output);
        var (target, token, document) = service;
        var seed = document.Seed;
        var (_, bytes, info) = await DocumentSource.LoadAsync(document, cancellationToken).ConfigureAwait(false);

        using var client = new ServiceClient(target, concurrency, token: token);
        _ = await DocumentSource.WaitHealthyAsync(client, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{target} did not answer GET /health with 200 within 60 s");
        var (importId, importMs, _) = await DocumentSource.ImportAsync(client, bytes, cancellationToken).ConfigureAwait(false);
        output.WriteLine(Inv($"imported {info.Source} ({info.Projects} projects) as {importId}, settled in {importMs:0} ms"));

        var state = EnterpriseState.From(await client.ExportAsync(cancellationToken).ConfigureAwait(false));
        var random = new Random(seed);
        var habits = TeamHabits.Draw(state.Projects.Keys, random);
        var status = state.StatusDate ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var settleAll = new LatencyHistogram();
        long sentAll = 0, errorsAll = 0, refusedAll = 0;

        for (var day = 1; day <= days; day++)
        {
            var dayStarted = RunClock.Now;
            status = state.Calendar.DateOf(state.Calendar.LastDayOnOrBefore(status) + 1);
            var moved = await client.PostAsync("/api/import", new { statusDate = DocumentReading.Format(status) }, cancellationToken).ConfigureAwait(false);
            if (!moved.Accepted) throw new InvalidOperationException($"moving the status date to {DocumentReading.Format(status)} was refused: {moved.ErrorKind} {moved.Detail}");
            _ = await client.WaitSettledAsync(moved.ChangeId!, TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
            state.StatusDate = status;

            var commands = Plan(state, status, random, habits);
            var accepted = new List<(string ChangeId, TimeSpan At)>();
            long errors = 0, refused = 0;
            await Parallel.ForEachAsync(commands, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (command, token) =>
            {
                var outcome = await client.SendAsync(command.Command, token).ConfigureAwait(false);
                // Each day's commands are meant to land: a refused one waits Retry-After and goes again.
                for (var attempt = 1; outcome.Refused && attempt < Scenarios.ReorgScenario.RefusedAttempts; attempt++)
                {
                    lock (accepted) refused++;
                    await RetryAfterPause.WaitAsync(outcome, token).ConfigureAwait(false);
                    outcome = await client.SendAsync(command.Command, token).ConfigureAwait(false);
                }
                lock (accepted)
                {
                    if (outcome.Refused) refused++;
                    else if (outcome.Accepted)
                    {
                        accepted.Add((outcome.ChangeId!, outcome.AnsweredAt));
                        state.Apply(command.Command);
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
            refusedAll += refused;
            var summary = settle.Summary();
            output.WriteLine(Inv($"day {day} ({DocumentReading.Format(status)}): {commands.Count} commands ({string.Join(", ", commands.GroupBy(c => c.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Inv($"{g.Key} {g.Count()}")))}), {refused} refused, {errors} errors, settle p50 {Reports.ReportWriter.Ms(summary.P50)} ms p99 {Reports.ReportWriter.Ms(summary.P99)} ms"));

            var rest = TimeSpan.FromSeconds(pace) - (RunClock.Now - dayStarted);
            if (rest > TimeSpan.Zero) await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
        }

        var total = settleAll.Summary();
        output.WriteLine(Inv($"simulated {days} days: {sentAll} commands, {refusedAll} refused, {errorsAll} errors, settle p50 {Reports.ReportWriter.Ms(total.P50)} ms p99 {Reports.ReportWriter.Ms(total.P99)} ms max {Reports.ReportWriter.Ms(total.Max)} ms"));
        var reconciliation = await ReconciliationRunner.RunAsync(client, seed, cancellationToken).ConfigureAwait(false);
        output.WriteLine(reconciliation.Ok ? "reconciliation: ok" : "reconciliation: FAILED with " + Reports.ReportWriter.Problems(reconciliation.ProblemCount));
        foreach (var problem in reconciliation.Problems.Take(20)) output.WriteLine($"  - {problem}");
        return reconciliation.Ok && errorsAll == 0 ? Cli.Ok : Cli.Failed;
    }

    /// <summary>
    /// The day's commands, from the simulation logic the host's simulation clock shares
    /// (Pmo.Generator.Simulation), turned into the harness's HTTP requests and model changes.
    /// </summary>
    public static List<PlannedCommand> Plan(EnterpriseState state, DateOnly status, Random random, TeamHabits habits)
    {
        ArgumentNullException.ThrowIfNull(state);
        var dates = CriticalPath.ScheduleAll(state.Networks(), state.CrossLinks);
        var today = state.Calendar.LastDayOnOrBefore(status);
        var tasks = state.Projects.Values.SelectMany(project => project.Tasks.Select(task =>
        {
            var d = dates[new TaskKey(project.Id, task.Id)];
            return new SimulatedTask(project.Id, task.Id, task.Duration, task.PercentComplete, task.ActualCost, state.TaskCost(task), d.EarlyStart, d.EarlyFinish);
        }));
        // Reported per kind under the API's own action names.
        return [.. SimulationDay.Plan(tasks, today, random, habits).Select(command => new PlannedCommand(KindOf(command), command))];
    }

    private static string KindOf(IProjectCommand command) => command switch
    {
        RecordProgress => "progress",
        SlipTask => "slip",
        RebaselineProject => "baseline",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a command a simulated day sends"),
    };
}
