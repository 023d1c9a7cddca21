namespace Pmo.Load.Scenarios;

/// <summary>
/// Day-to-day PMO traffic on random projects and tasks: mostly progress, then progress with actual
/// cost, a few slips (small, heavy-tailed, sometimes a recovery), assignment units changes and
/// budget changes.
/// </summary>
public sealed class SteadyScenario(double rateShare = 1.0) : IScenario
{
    public string Name => "steady";

    public Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RateDriver.RunAsync(context.Options.Rate * rateShare, context.Options.Concurrency, context.Options.Duration, async token =>
        {
            if (Plan(context.Model) is not { } command) return context.Model.OpenProjects > 0;
            await context.IssueAsync(command, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>The next command, holding its project open; null when no open project was found.</summary>
    public static PlannedCommand? Plan(LiveModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Locked((state, random) =>
        {
            var project = model.EnterRandomProject(state, random);
            if (project is null) return null;
            if (project.Tasks.Count == 0)
            {
                model.Exit(project.Id);
                return null;
            }
            var task = project.Tasks[random.Next(project.Tasks.Count)];
            var roll = random.NextDouble();
            var command = roll switch
            {
                < 0.45 => Progress(state, project, task, random, withCost: false),
                < 0.65 => Progress(state, project, task, random, withCost: true),
                < 0.78 => Slip(project, task, random),
                < 0.90 => Assignment(project, random),
                _ => Budget(project, random),
            } ?? Progress(state, project, task, random, withCost: false);
            var undo = state.Inverse(command.Command);
            state.Apply(command.Command);
            return command with { HeldProject = project.Id, Undo = undo };
        });
    }

    private static PlannedCommand Progress(EnterpriseState state, ProjectState project, TaskState task, Random random, bool withCost)
    {
        var percent = Math.Min(100m, task.PercentComplete + random.Next(1, 11));
        decimal? actual = null;
        if (withCost)
        {
            // Actual cost tracks earned value with noise, now and then well over it (a cost overrun).
            var noise = random.NextDouble() < 0.1 ? 1.2 + random.NextDouble() * 0.6 : 0.85 + random.NextDouble() * 0.3;
            actual = decimal.Round(state.TaskCost(task) * percent / 100m * (decimal)noise, 2);
        }
        return new PlannedCommand(withCost ? "cost" : "progress",
            new RecordProgress { ProjectId = project.Id, TaskId = task.Id, PercentComplete = percent, ActualCost = actual });
    }

    private static PlannedCommand Slip(ProjectState project, TaskState task, Random random)
    {
        var days = HeavyTailedDays(random, 40);
        // About one slip in six is a recovery: the task turns out shorter.
        if (task.Duration > 1 && random.NextDouble() < 0.17) days = -Math.Min(days, task.Duration - 1);
        return new PlannedCommand("slip", new SlipTask { ProjectId = project.Id, TaskId = task.Id, Days = days, Reason = "load harness: steady" });
    }

    private static readonly decimal[] UnitSteps = [0.25m, 0.5m, 0.75m, 1m];

    private static PlannedCommand? Assignment(ProjectState project, Random random)
    {
        var staffed = project.Tasks.Where(t => t.Assignments.Count > 0).ToList();
        if (staffed.Count == 0) return null;
        var task = staffed[random.Next(staffed.Count)];
        var assignment = task.Assignments[random.Next(task.Assignments.Count)];
        var choices = UnitSteps.Where(u => u != assignment.Units).ToArray();
        var units = choices[random.Next(choices.Length)];
        return new PlannedCommand("assignment",
            new AssignResource { ProjectId = project.Id, TaskId = task.Id, ResourceId = assignment.ResourceId, Units = units });
    }

    private static PlannedCommand Budget(ProjectState project, Random random)
    {
        var budget = Math.Max(1000m, decimal.Round(project.Budget * (decimal)(0.92 + random.NextDouble() * 0.2) / 1000m) * 1000m);
        return new PlannedCommand("budget", new SetProjectBudget { ProjectId = project.Id, Budget = budget });
    }

    /// <summary>1, 2 or 3 days mostly, now and then weeks: a Pareto tail (shape 1.5), capped.</summary>
    public static int HeavyTailedDays(Random random, int cap) => Pmo.Generator.Simulation.SimulationDay.HeavyTailedDays(random, cap);
}
