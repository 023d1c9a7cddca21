namespace Pmo.Generator.Simulation;

/// <summary>
/// Each project team's pace (how fast it progresses against plan) and cost habit (how much it spends
/// against the planned cost), drawn once and kept for the whole simulation: a team that runs late
/// keeps running late, which is what makes a portfolio's health drift the way a real one does.
/// </summary>
public sealed class TeamHabits
{
    private readonly Dictionary<string, double> _productivity;
    private readonly Dictionary<string, double> _costHabit;

    private TeamHabits(Dictionary<string, double> productivity, Dictionary<string, double> costHabit)
    {
        _productivity = productivity;
        _costHabit = costHabit;
    }

    /// <summary>Draws every team's habits; about one team in seven overspends by 15–45 %.</summary>
    public static TeamHabits Draw(IEnumerable<string> projectIds, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ids = projectIds.ToList();
        var productivity = ids.ToDictionary(id => id, _ => 0.7 + random.NextDouble() * 0.5, StringComparer.Ordinal);
        var costHabit = ids.ToDictionary(id => id, _ => random.NextDouble() < 0.15 ? 1.15 + random.NextDouble() * 0.3 : 0.9 + random.NextDouble() * 0.2, StringComparer.Ordinal);
        return new TeamHabits(productivity, costHabit);
    }

    public double Productivity(string projectId) => _productivity.GetValueOrDefault(projectId, 1.0);

    public double CostHabit(string projectId) => _costHabit.GetValueOrDefault(projectId, 1.0);
}
