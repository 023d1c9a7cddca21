using System.Globalization;
using System.Security.Claims;
using Pmo.Contracts;
using Pmo.Contracts.Commands;
using Pmo.Dashboard.Data;
using Pmo.Domain.Calendar;
using Pmo.Domain.Documents;
using Pmo.Generator.Simulation;
using Pmo.Host.Api;
using Pmo.Host.Dashboard;
using Pmo.Host.Hosting;

namespace Pmo.Host.Simulation;

/// <summary>
/// Keeps the demo alive: every <see cref="SimulationState.Pace"/> of wall-clock time it lives one
/// working day — the status date moves on, then the day's progress, costs, slips and re-baselines from
/// <see cref="SimulationDay"/> (the logic the load harness's simulate verb uses) — each sent as a
/// command through <see cref="ChangeIssuer"/>, the API's own command path, so every effect propagates,
/// raises alerts and carries a changeId like any other change. Paused, resumed and paced from the dashboard.
/// </summary>
internal sealed partial class SimulationClock(
    IGrainFactory grains, ChangeIssuer changes, DemoPortfolio demo, PmoHostOptions options, DashboardScope scope,
    TimeProvider time, ILogger<SimulationClock> logger) : BackgroundService, ISimulationControl
{
    private readonly object _gate = new();
    private CancellationTokenSource _wake = new();
    private SimulationState _state = new(true, true, TimeSpan.FromSeconds(Math.Max(0.1, options.SimulationPace)), null, 0, null);

    public SimulationState State
    {
        get { lock (_gate) return _state; }
    }

    public event Action? Changed;

    public void Pause(ClaimsPrincipal user) => Update(user, s => s with { Running = false });

    public void Resume(ClaimsPrincipal user) => Update(user, s => s with { Running = true });

    public void SetPace(ClaimsPrincipal user, TimeSpan perDay) =>
        Update(user, s => s with { Pace = perDay < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : perDay });

    private IEnterpriseGrain Enterprise => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await demo.Done.WaitAsync(stoppingToken);
        var outline = await Enterprise.Outline();
        // Seeded like the demo: the same host arguments give the same simulated history.
        var random = new Random(options.DemoSeed);
        var habits = TeamHabits.Draw(outline.Projects.Keys.Order(StringComparer.Ordinal), random);
        Update(null, s => s with { StatusDate = outline.StatusDate });
        LogStarted(logger, State.Pace.TotalSeconds);
        while (await NextDayAsync(stoppingToken))
        {
            try
            {
                await LiveOneDayAsync(random, habits);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogDayFailed(logger, e);
            }
        }
    }

    private async Task LiveOneDayAsync(Random random, TeamHabits habits)
    {
        var outline = await Enterprise.Outline();
        var calendar = new WorkCalendar(outline.Calendar);
        var status = outline.StatusDate ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var next = calendar.DateOf(calendar.LastDayOnOrBefore(status) + 1);
        var moved = new PortfolioDocument { StatusDate = next.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var (lastChange, _) = await changes.Run(r => Enterprise.Import(r, moved));

        var views = await Task.WhenAll(outline.Projects.Keys.Select(id => grains.GetGrain<IProjectGrain>(id).GetView()));
        var tasks = views.OfType<ProjectView>().SelectMany(v => v.Tasks.Select(t =>
        {
            var start = calendar.DayNumber(t.EarlyStart);
            return new SimulatedTask(v.Id, t.Id, t.Duration, t.PercentComplete, t.ActualCost, t.Cost, start,
                t.Duration == 0 ? start : calendar.DayNumber(t.EarlyFinish) + 1);
        }));
        var refused = 0;
        var commands = SimulationDay.Plan(tasks, calendar.LastDayOnOrBefore(next), random, habits);
        foreach (var command in commands)
        {
            var (changeId, refusal) = await changes.Run(r => Send(r, command));
            if (refusal is null) lastChange = changeId;
            else refused++;
        }
        Update(null, s => s with { StatusDate = next, Days = s.Days + 1, LastChangeId = lastChange });
        LogDay(logger, next, commands.Count, refused);
    }

    private Task<Domain.Catalog.Refusal?> Send(Ripple ripple, IProjectCommand command)
    {
        var project = grains.GetGrain<IProjectGrain>(command.ProjectId);
        return command switch
        {
            RecordProgress progress => project.ReportProgress(ripple, progress),
            SlipTask slip => project.Slip(ripple, slip),
            RebaselineProject rebaseline => project.Rebaseline(ripple, rebaseline),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a command a simulated day sends"),
        };
    }

    /// <summary>Waits one pace while running, indefinitely while paused; a pause, resume or pace change cuts the wait short.</summary>
    private async Task<bool> NextDayAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken wake;
            SimulationState state;
            lock (_gate) (wake, state) = (_wake.Token, _state);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, wake);
            try
            {
                await Task.Delay(state.Running ? state.Pace : Timeout.InfiniteTimeSpan, time, linked.Token);
                return true;
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Woken by the dashboard: read the new state and wait again.
            }
        }
        return false;
    }

    private void Update(ClaimsPrincipal? user, Func<SimulationState, SimulationState> change)
    {
        if (user is not null && !scope.MayDriveSimulation(user)) return;
        CancellationTokenSource woken;
        lock (_gate)
        {
            _state = change(_state);
            woken = _wake;
            _wake = new CancellationTokenSource();
        }
        woken.Cancel();
        woken.Dispose();
        Changed?.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulation clock running: one working day every {Seconds} s (pause it or change the pace on the dashboard; --no-simulate turns it off)")]
    private static partial void LogStarted(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated {StatusDate}: {Commands} commands, {Refused} refused")]
    private static partial void LogDay(ILogger logger, DateOnly statusDate, int commands, int refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A simulated day failed; the clock goes on")]
    private static partial void LogDayFailed(ILogger logger, Exception exception);
}
