using Pmo.Contracts.Commands;
using Pmo.Load.Measurement;
using Pmo.Load.Model;
using Pmo.Load.Scenarios;
using Pmo.Load.Service;

namespace Pmo.Load.Tests;

/// <summary>
/// A service shedding load answers 503 (or 429) with Retry-After: the harness counts that apart from
/// errors, keeps it out of its model of the enterprise, and, in a closed loop, comes back later.
/// </summary>
public sealed class RefusalTests
{
    /// <summary>A service that answers every command with <c>status</c>, a client of it, and a scenario over a fresh model.</summary>
    private sealed class Refusing : IDisposable
    {
        public Refusing(int status, string? retryAfter = null, double rate = 100)
        {
            Service = new RecordingService(status, retryAfter);
            Client = new ServiceClient(Service.Address, 1);
            Model = new LiveModel(EnterpriseState.From(Documents.TwoProjects()), seed: 3);
            Context = new ScenarioContext
            {
                Client = Client,
                Model = Model,
                Log = new CommandLog(RunClock.Now),
                Options = new DriveOptions { Rate = rate, Concurrency = 1, Duration = TimeSpan.FromSeconds(1), Seed = 3 },
            };
        }

        public RecordingService Service { get; }
        public ServiceClient Client { get; }
        public LiveModel Model { get; }
        public ScenarioContext Context { get; }

        public void Dispose()
        {
            Client.Dispose();
            Service.Dispose();
        }
    }

    /// <summary>Every figure of every task, to see that the model is as it was.</summary>
    private static string Figures(LiveModel model) => model.Locked((state, _) => string.Join(";",
        state.Projects.Values.OrderBy(p => p.Id, StringComparer.Ordinal).SelectMany(p => p.Tasks.Select(t =>
            FormattableString.Invariant($"{p.Id}/{t.Id} d{t.Duration} {t.PercentComplete}% ac{t.ActualCost} b{p.Budget} {string.Join(",", t.Assignments.Select(a => $"{a.ResourceId}:{a.Units}"))}")))));

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_refusal_with_Retry_After_is_counted_as_refused_not_as_an_error(int status)
    {
        using var refusing = new Refusing(status, retryAfter: "1");
        var context = refusing.Context;

        var outcome = await context.IssueAsync(SteadyScenario.Plan(context.Model)!, CancellationToken.None);

        Assert.True(outcome.Refused);
        Assert.Equal(TimeSpan.FromSeconds(1), outcome.RetryAfter);
        Assert.Equal((1L, 1L, 0L, 0L), (context.Log.Sent, context.Log.RefusedCount, context.Log.ErrorCount, context.Log.AcceptedCount));
        Assert.Equal(1L, Assert.Single(context.Log.Timeline).Refused);
    }

    [Fact]
    public async Task A_503_without_Retry_After_is_an_error()
    {
        using var refusing = new Refusing(503);
        var context = refusing.Context;

        var outcome = await context.IssueAsync(SteadyScenario.Plan(context.Model)!, CancellationToken.None);

        Assert.False(outcome.Refused);
        Assert.Equal((0L, 1L), (context.Log.RefusedCount, context.Log.ErrorCount));
        Assert.Equal(1L, context.Log.ErrorsByKind["HTTP 503"]);
    }

    [Fact]
    public async Task A_refused_command_is_taken_back_out_of_the_model()
    {
        using var refusing = new Refusing(503, retryAfter: "1");
        var (context, model) = (refusing.Context, refusing.Model);
        var before = Figures(model);

        // Every kind of steady command comes up in forty plans; planning applies each to the model at once.
        for (var i = 0; i < 40; i++)
        {
            var command = SteadyScenario.Plan(model)!;
            Assert.NotNull(command.Undo);
            await context.IssueAsync(command, CancellationToken.None);
            Assert.Equal(before, Figures(model));
        }
        Assert.Equal(40L, context.Log.RefusedCount);
    }

    [Fact]
    public async Task Refused_slips_planned_together_come_back_out_when_refused_out_of_order()
    {
        using var refusing = new Refusing(503, retryAfter: "1");
        var (context, model) = (refusing.Context, refusing.Model);
        var before = Figures(model);

        // A recovery larger than the task clamps at zero: its undo puts back the days it really took.
        var commands = new[] { 5, -20, 2, -1 }.Select(days => model.Locked((state, _) =>
        {
            var change = new SlipTask { ProjectId = "pa", TaskId = "t1", Days = days };
            var undo = state.Inverse(change);
            state.Apply(change);
            return new PlannedCommand("slip", change, null, undo);
        })).ToList();
        foreach (var command in commands.AsEnumerable().Reverse().Where((_, i) => i % 2 == 0).Concat(commands.AsEnumerable().Reverse().Where((_, i) => i % 2 == 1)))
            await context.IssueAsync(command, CancellationToken.None);

        Assert.Equal(before, Figures(model));
    }

    [Fact]
    public async Task A_closed_loop_step_that_must_happen_is_sent_again_while_refused()
    {
        // Retry-After: 0 says "now", so the test waits for nothing.
        using var refusing = new Refusing(503, retryAfter: "0", rate: 0);
        var context = refusing.Context;
        var command = new PlannedCommand("budget", new SetProjectBudget { ProjectId = "pa", Budget = 7000m });

        var outcome = await context.IssueUntilTakenAsync(command, attempts: 3, CancellationToken.None);

        Assert.True(outcome.Refused);
        Assert.Equal(3, refusing.Service.Requests.Count(r => r.Request == "PUT /api/projects/pa/budget"));
        Assert.Equal((3L, 0L), (context.Log.RefusedCount, context.Log.ErrorCount));
    }
}
