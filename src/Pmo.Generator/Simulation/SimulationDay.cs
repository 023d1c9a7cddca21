using Pmo.Contracts.Commands;

namespace Pmo.Generator.Simulation;

/// <summary>
/// One simulated working day of an enterprise: progress and actual cost on the tasks active that day
/// with realistic noise, finishing touches on overdue ones, a few heavy-tailed slips, and now and then a
/// re-baseline. Pure (the caller supplies the tasks, today's working-day number and the random source),
/// so the load harness's <c>simulate</c> and the host's simulation clock send the same kind of day.
/// </summary>
public static class SimulationDay
{
    /// <summary>Why a simulated task slips, as the slip's reason says.</summary>
    public const string Reason = "simulated day";

    /// <summary>The day's commands. Tasks are visited project by project in id order, each project's tasks in the order given.</summary>
    public static List<IProjectCommand> Plan(IEnumerable<SimulatedTask> tasks, int today, Random random, TeamHabits habits)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(habits);
        var commands = new List<IProjectCommand>();
        foreach (var project in tasks.GroupBy(t => t.ProjectId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var pace = habits.Productivity(project.Key);
            var habit = habits.CostHabit(project.Key);
            foreach (var task in project)
            {
                if (task.Duration == 0 || task.EarlyStart > today || task.PercentComplete >= 100m) continue;
                var elapsed = Math.Min(task.Duration, today - task.EarlyStart + 1);
                var planned = 100.0 * elapsed / task.Duration;
                var noisy = planned * pace * (0.85 + random.NextDouble() * 0.3);
                var percent = Math.Clamp(decimal.Round((decimal)noisy, 1), task.PercentComplete, 100m);
                if (task.EarlyFinish <= today && random.NextDouble() < 0.5) percent = 100m;
                if (percent > task.PercentComplete)
                {
                    var overrun = random.NextDouble() < 0.02 ? 1.5 : 1.0;
                    var actual = decimal.Round(task.Cost * percent / 100m * (decimal)(habit * overrun * (0.95 + random.NextDouble() * 0.1)), 2);
                    commands.Add(new RecordProgress { ProjectId = task.ProjectId, TaskId = task.TaskId, PercentComplete = percent, ActualCost = Math.Max(actual, task.ActualCost) });
                }
                if (task.EarlyFinish > today && random.NextDouble() < 0.03)
                    commands.Add(new SlipTask { ProjectId = task.ProjectId, TaskId = task.TaskId, Days = HeavyTailedDays(random, 30), Reason = Reason });
            }
            if (random.NextDouble() < 0.005) commands.Add(new RebaselineProject(project.Key));
        }
        return commands;
    }

    /// <summary>Slip sizes with a heavy tail (Pareto, shape 1.5): most slips are a day or two, a few are weeks.</summary>
    public static int HeavyTailedDays(Random random, int cap)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u = random.NextDouble();
        var days = Math.Ceiling(1.0 / Math.Pow(1.0 - u, 1.0 / 1.5));
        return (int)Math.Clamp(days, 1, cap);
    }
}
