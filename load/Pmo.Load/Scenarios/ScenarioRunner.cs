using Pmo.Load.Baseline;
using Pmo.Load.Reconciliation;

namespace Pmo.Load.Scenarios;

/// <summary>What a scenario run needs besides the scenario.</summary>
public sealed record ScenarioSettings
{
    public required DriveOptions Drive { get; init; }
    public int? Pid { get; init; }
    /// <summary>Unmeasured steady load before the measured scenarios (then the document is imported again).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;
    /// <summary>Cap on each in-process baseline strategy.</summary>
    public TimeSpan BaselineCap { get; init; } = TimeSpan.FromSeconds(30);
    public int BaselineMaxBatchChanges { get; init; } = 300;
    /// <summary>How long accepted changes may take to settle after the drive before they count as a failure.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(120);
}

/// <summary>
/// Runs one scenario end to end: export the starting state, listen for settlements (and, in mixed,
/// connect the subscriber clients), drive, wait for every accepted change to settle, reconcile,
/// replay the stream in process, and summarise.
/// </summary>
public static class ScenarioRunner
{
    public static async Task<ScenarioReport> RunAsync(IScenario scenario, ServiceClient client, ScenarioSettings settings, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(terminal);
        var options = settings.Drive;
        var start = await client.ExportAsync(cancellationToken).ConfigureAwait(false);
        var state = EnterpriseState.From(start);
        var model = new LiveModel(state, options.Seed);
        var observations = new PushObservations();
        var tracker = new SettleTracker(client, observations);
        var clients = new List<PushClient>();
        var notes = new List<string>();
        try
        {
            clients.Add(await PushClient.ConnectAsync(client.Target, client.Token, "settle listener", ["all"], observations, cancellationToken).ConfigureAwait(false));
            if (scenario is MixedScenario && options.Clients > 0)
            {
                var random = new Random(options.Seed + 7);
                var portfolios = state.Portfolios.Keys.Order(StringComparer.Ordinal).ToList();
                var connecting = Enumerable.Range(1, options.Clients).Select(i =>
                {
                    var scope = portfolios.Count == 0 ? "all" : $"portfolio:{portfolios[random.Next(portfolios.Count)]}";
                    return PushClient.ConnectAsync(client.Target, client.Token, $"client {i}", [scope], observations, cancellationToken);
                }).ToList();
                clients.AddRange(await Task.WhenAll(connecting).ConfigureAwait(false));
            }

            var log = new CommandLog(RunClock.Now);
            log.Accepted += tracker.Register;
            var context = new ScenarioContext { Client = client, Model = model, Log = log, Options = options };

            using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampler = settings.Pid is { } pid ? new ProcessSampler(pid) : null;
            var sampling = sampler?.RunAsync(log.Start, background.Token) ?? Task.CompletedTask;
            var polling = tracker.PollLateAsync(background.Token);

            var driveStart = RunClock.Now;
            var cpuStart = CpuMeter.Read(settings.Pid);
            // Reorg goes as fast as it is accepted: its length is not known beforehand.
            await terminal.StepAsync($"{scenario.Name}: drive", scenario is ReorgScenario ? null : options.Duration,
                token => scenario.RunAsync(context, token), cancellationToken).ConfigureAwait(false);
            var driveSeconds = Math.Max(0.001, (RunClock.Now - driveStart).TotalSeconds);
            var cpu = CpuMeter.Between(cpuStart, CpuMeter.Read(settings.Pid), log.AcceptedCount);

            var unsettled = await terminal.StepAsync($"{scenario.Name}: settle", null, async token =>
            {
                var left = await tracker.DrainAsync(settings.SettleTimeout, token).ConfigureAwait(false);
                await tracker.WaitForLatePushesAsync(TimeSpan.FromSeconds(2), token).ConfigureAwait(false);
                await background.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(polling, sampling).ConfigureAwait(false);
                await tracker.FetchStatusesAsync(token).ConfigureAwait(false);
                return left;
            }, cancellationToken).ConfigureAwait(false);
            var results = tracker.Results();
            terminal.Line(Inv($"  {scenario.Name}: {log.Sent} sent, {log.AcceptedCount} accepted, {log.RefusedCount} refused, {log.ErrorCount} errors in {driveSeconds:0.0} s; {results.Count - unsettled} settled{(unsettled > 0 ? Inv($", {unsettled} NOT settled") : "")}; reconciling"));

            var (snapshot, reconciliation) = await ReconcileAsync(terminal, scenario.Name, client, options.Seed, cancellationToken).ConfigureAwait(false);
            var unpushed = tracker.SettledWithoutPush;
            // A client that fell behind is told to resync and may lose settlements; without a resync every one is owed.
            if (unpushed.Count > 0 && observations.Resyncs == 0)
                reconciliation = WithProblem(reconciliation, Inv($"live push: {unpushed.Count} of {results.Count} settled changes never reached the client subscribed to \"all\" as changeSettled, and it was never told to resync (CONTRACT.md \"Live push\"), e.g. {string.Join("; ", unpushed.Take(3).Select(id => Describe(results, id, log.Start)))}"));
            var withAlerts = (snapshot?.AlertLog ?? []).Where(a => a.ChangeId is not null).Select(a => a.ChangeId!).ToHashSet(StringComparer.Ordinal);
            var ours = results.Where(r => withAlerts.Contains(r.ChangeId)).ToList();
            if (ours.Count > 0)
                notes.Add(Inv($"{ours.Count} accepted changes logged alerts; an alert of {ours.Count(r => r.AlertMs is not null)} of them reached a SignalR client"));
            if (tracker.PushesStopped)
                notes.Add("no changeSettled was pushed: client-seen settle times come from polling GET /api/changes/{id} every 20 ms");
            if (unsettled > 0) reconciliation = WithProblem(reconciliation, Inv($"changes: {unsettled} accepted changes did not settle within {settings.SettleTimeout.TotalSeconds:0} s after the drive ended"));
            var missingStatus = results.Count(r => r.Source != "none" && r.ServiceMs is null);
            if (missingStatus > 0) notes.Add(Inv($"{missingStatus} settled changes had no acceptedAt/settledAt in GET /api/changes/{{id}}"));

            var changes = log.AcceptedChanges.OrderBy(c => c.AcceptedAt).Select(c => c.Change).OfType<IPmoCommand>().ToList();
            var baseline = await terminal.StepAsync($"{scenario.Name}: in-process baselines", null,
                _ => Task.Run(() => BaselineRunner.Run(start, changes, settings.BaselineCap, settings.BaselineMaxBatchChanges), cancellationToken),
                cancellationToken).ConfigureAwait(false);

            var acceptedPerSecond = log.AcceptedCount / driveSeconds;
            var settleService = Histogram(results.Select(r => r.ServiceMs));
            var report = new ScenarioReport
            {
                Name = scenario.Name,
                Commands = log.Sent,
                Accepted = log.AcceptedCount,
                AcceptedPerSecond = Math.Round(acceptedPerSecond, 2),
                Errors = log.ErrorCount,
                Refused = log.RefusedCount,
                ErrorsByKind = log.ErrorsByKind,
                ErrorSamples = log.ErrorSamples,
                CommandsByKind = log.CommandsByKind,
                DriveSeconds = Math.Round(driveSeconds, 3),
                ResponseMs = log.ResponseMs,
                SettleMs = settleService,
                SettleClientMs = Histogram(results.Select(r => r.ClientMs)),
                SettleSources = results.GroupBy(r => r.Source).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count()),
                Unsettled = unsettled,
                SettlementsNotPushed = unpushed.Count,
                AlertLatencyMs = Histogram(results.Select(r => r.AlertMs)),
                GrainsTouched = Histogram(results.Where(r => r.Source != "none").Select(r => (double?)r.GrainsTouched), scale: 1),
                AlertsRaised = Histogram(results.Where(r => r.Source != "none").Select(r => (double?)r.AlertsRaised), scale: 1),
                Clients = Clients(clients, observations),
                Process = sampler is null ? null : Process(sampler),
                Cpu = cpu,
                Timeline = Timeline(log, results),
                Baseline = Compare(baseline, acceptedPerSecond, settleService.P50),
                Reconciliation = reconciliation,
                Notes = [.. context.Notes, .. notes, .. baseline.Notes],
            };
            terminal.Line(Inv($"  {scenario.Name}: settle p50 {ReportWriter.Ms(report.SettleMs.P50)} ms p99 {ReportWriter.Ms(report.SettleMs.P99)} ms; reconciliation {(reconciliation.Ok ? "ok" : "FAILED with " + ReportWriter.Problems(reconciliation.ProblemCount))}"));
            foreach (var problem in reconciliation.Problems.Take(5)) terminal.Line($"    - {problem}");
            return report;
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
    }

    private static string Describe(List<ChangeResult> results, string changeId, TimeSpan start)
    {
        var r = results.FirstOrDefault(x => x.ChangeId == changeId);
        return r is null ? changeId
            : Inv($"{changeId} ({r.Kind}, accepted {(r.AcceptedAt - start).TotalSeconds:0.000} s into the scenario, settled {ReportWriter.Ms(r.ServiceMs)} ms later by the service's clock, {r.GrainsTouched} grains, {r.AlertsRaised} alerts{(r.AlertMs is null ? "" : ", an alert of it was pushed")})");
    }

    /// <summary>
    /// Reads the service and checks it. A service that does not answer the reads in time (an overloaded
    /// host, a dead silo) fails the reconciliation with the reason, and the run still writes its report.
    /// </summary>
    private static async Task<(ServiceSnapshot? Snapshot, ReconciliationResult Result)> ReconcileAsync(
        Terminal terminal, string scenario, ServiceClient client, int seed, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await terminal.StepAsync($"{scenario}: reconcile", null,
                token => ReconciliationRunner.ReadAsync(client, seed, token), cancellationToken).ConfigureAwait(false);
            return (snapshot, Reconciler.Check(snapshot));
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is TaskCanceledException ? "a read timed out" : e.Message;
            return (null, WithProblem(new ReconciliationResult(), $"reconciliation: the service could not be read ({reason})"));
        }
    }

    private static ReconciliationResult WithProblem(ReconciliationResult result, string problem) => result with
    {
        Ok = false,
        Problems = result.Problems.Count < ReconciliationResult.MaxProblems ? [problem, .. result.Problems] : [problem, .. result.Problems.Take(ReconciliationResult.MaxProblems - 1)],
        ProblemCount = result.ProblemCount + 1,
    };

    private static Percentiles Histogram(IEnumerable<double?> values, double scale = 1000)
    {
        var histogram = new LatencyHistogram(scale);
        foreach (var value in values)
            if (value is { } v) histogram.Record(v);
        return histogram.Summary();
    }

    private static ClientStats Clients(List<PushClient> clients, PushObservations observations)
    {
        var per = clients.Select(c => new ClientMessages(c.Name, string.Join(" ", c.Scopes), c.Messages, c.Items, c.Alerts)).ToList();
        return new ClientStats
        {
            Count = per.Count,
            PerClient = per,
            MessagesPerClientMean = per.Count == 0 ? 0 : Math.Round(per.Average(c => c.Messages), 1),
            MessagesPerClientMin = per.Count == 0 ? 0 : per.Min(c => c.Messages),
            MessagesPerClientMax = per.Count == 0 ? 0 : per.Max(c => c.Messages),
            Resyncs = observations.Resyncs,
        };
    }

    private static ProcessStats Process(ProcessSampler sampler)
    {
        var samples = sampler.Samples;
        return new ProcessStats
        {
            Pid = sampler.Pid,
            Samples = samples,
            PeakRssBytes = samples.Count == 0 ? 0 : samples.Max(s => s.RssBytes),
            MeanCpuPercent = samples.Count == 0 ? 0 : Math.Round(samples.Average(s => s.CpuPercent), 1),
            MaxCpuPercent = samples.Count == 0 ? 0 : samples.Max(s => s.CpuPercent),
            Problem = sampler.Problem,
        };
    }

    private static List<TimelinePoint> Timeline(CommandLog log, List<ChangeResult> results)
    {
        var settle = results.Where(r => r.ServiceMs is not null)
            .GroupBy(r => Math.Max(0, (int)(r.AcceptedAt - log.Start).TotalSeconds))
            .ToDictionary(g => g.Key, g => g.Select(r => r.ServiceMs!.Value).Order().ToList());
        var counts = log.Timeline.ToDictionary(t => t.Second);
        return [.. counts.Keys.Union(settle.Keys).Order().Select(second =>
        {
            counts.TryGetValue(second, out var c);
            settle.TryGetValue(second, out var s);
            return new TimelinePoint
            {
                Second = second,
                Sent = c.Sent,
                Accepted = c.Accepted,
                Errors = c.Errors,
                Refused = c.Refused,
                SettleMs = Percentiles.OfSorted(s ?? []),
            };
        })];
    }

    private static BaselineComparison Compare(BaselineResult baseline, double acceptedPerSecond, double? settleP50) => new()
    {
        InProcess = baseline,
        LiveAcceptedPerSecond = Math.Round(acceptedPerSecond, 2),
        LiveSettleP50Ms = settleP50,
        ThroughputLiveVsBatch = Ratio(acceptedPerSecond, baseline.Batch.ChangesPerSecond),
        ThroughputLiveVsIncremental = Ratio(acceptedPerSecond, baseline.Incremental.ChangesPerSecond),
        LatencyLiveVsBatch = Ratio(settleP50, baseline.Batch.PerChangeMs.P50),
        LatencyLiveVsIncremental = Ratio(settleP50, baseline.Incremental.PerChangeMs.P50),
    };

    private static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? Math.Round(x / y, 3) : null;
}
