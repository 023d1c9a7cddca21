namespace Pmo.Domain.Tests.Scheduling;

public sealed class CriticalPathPropertyTests
{
    [Fact]
    public void Schedule_all_matches_brute_force_relaxation_on_random_networks()
    {
        var random = new Random(20240611);
        for (var run = 0; run < 300; run++)
        {
            var portfolio = RandomPortfolio.Generate(random);
            var actual = CriticalPath.ScheduleAll(portfolio.Projects, portfolio.CrossLinks);
            var expected = BruteForce(portfolio);

            Assert.Equal(expected.Count, actual.Count);
            foreach (var (key, dates) in expected)
                Assert.True(dates == actual[key], $"run {run}, {key}: expected {dates}, got {actual[key]}");
            AssertScheduleIsFeasible(portfolio, actual);
        }
    }

    [Fact]
    public void Schedule_project_iterated_to_a_fixed_point_equals_schedule_all()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var portfolio = RandomPortfolio.Generate(random, maxProjects: 6, maxTasks: 10);
            var expected = CriticalPath.ScheduleAll(portfolio.Projects, portfolio.CrossLinks);
            var actual = IterateProjects(portfolio);

            Assert.Equal(expected.Count, actual.Count);
            foreach (var (key, dates) in expected)
                Assert.True(dates == actual[key], $"run {run}, {key}: expected {dates}, got {actual[key]}");
        }
    }

    /// <summary>
    /// The reference: every constraint relaxed over and over until nothing moves, with no use of
    /// a topological order, so a mistake in the ordering or in the pass structure cannot hide.
    /// </summary>
    private static Dictionary<TaskKey, TaskDates> BruteForce(RandomPortfolio portfolio)
    {
        var duration = new Dictionary<TaskKey, int>();
        var start = new Dictionary<TaskKey, int>();
        foreach (var project in portfolio.Projects)
            foreach (var task in project.Tasks)
            {
                var key = new TaskKey(project.ProjectId, task.Id);
                duration[key] = task.Duration;
                start[key] = project.StartDay;
            }
        var links = portfolio.AllLinks().ToList();

        var es = new Dictionary<TaskKey, int>(start);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var link in links)
            {
                var (a, b) = (link.From, link.To);
                var bound = link.Type switch
                {
                    LinkType.FS => es[a] + duration[a] + link.Lag,
                    LinkType.SS => es[a] + link.Lag,
                    LinkType.FF => es[a] + duration[a] + link.Lag - duration[b],
                    _ => es[a] + link.Lag - duration[b],
                };
                if (bound > es[b]) { es[b] = bound; changed = true; }
            }
        }

        var finish = portfolio.Projects.ToDictionary(p => p.ProjectId, p =>
            p.Tasks.Select(t => es[new TaskKey(p.ProjectId, t.Id)] + t.Duration).Append(p.StartDay).Max());
        var lf = duration.Keys.ToDictionary(k => k, k => finish[k.ProjectId]);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var link in links)
            {
                var (a, b) = (link.From, link.To);
                var bound = link.Type switch
                {
                    LinkType.FS => lf[b] - duration[b] - link.Lag,
                    LinkType.SS => lf[b] - duration[b] - link.Lag + duration[a],
                    LinkType.FF => lf[b] - link.Lag,
                    _ => lf[b] - link.Lag + duration[a],
                };
                if (bound < lf[a]) { lf[a] = bound; changed = true; }
            }
        }

        return duration.Keys.ToDictionary(k => k, k => new TaskDates(es[k], es[k] + duration[k], lf[k] - duration[k], lf[k]));
    }

    private static void AssertScheduleIsFeasible(RandomPortfolio portfolio, IReadOnlyDictionary<TaskKey, TaskDates> dates)
    {
        foreach (var project in portfolio.Projects)
        {
            var keys = project.Tasks.Select(t => new TaskKey(project.ProjectId, t.Id)).ToList();
            var finish = keys.Select(k => dates[k].EarlyFinish).Append(project.StartDay).Max();
            foreach (var key in keys)
            {
                var d = dates[key];
                Assert.True(d.EarlyStart >= project.StartDay, $"{key} starts before its project");
                Assert.True(d.LateFinish <= finish, $"{key} finishes late after its project");
                Assert.True(d.TotalFloat >= 0, $"{key} has negative float");
                Assert.Equal(d.LateFinish - d.LateStart, d.EarlyFinish - d.EarlyStart);
            }
        }

        foreach (var link in portfolio.AllLinks())
        {
            var (a, b) = (dates[link.From], dates[link.To]);
            Assert.True(Holds(link.Type, link.Lag, a.EarlyStart, a.EarlyFinish, b.EarlyStart, b.EarlyFinish), $"early dates break {link}");
            Assert.True(Holds(link.Type, link.Lag, a.LateStart, a.LateFinish, b.LateStart, b.LateFinish), $"late dates break {link}");
        }

        static bool Holds(LinkType type, int lag, int startA, int finishA, int startB, int finishB) => type switch
        {
            LinkType.FS => startB >= finishA + lag,
            LinkType.SS => startB >= startA + lag,
            LinkType.FF => finishB >= finishA + lag,
            _ => finishB >= startA + lag,
        };
    }

    /// <summary>
    /// What the live grains do: each project scheduled on its own with the other projects' last
    /// known dates as boundaries, round after round, until a whole round changes nothing.
    /// </summary>
    private static Dictionary<TaskKey, TaskDates> IterateProjects(RandomPortfolio portfolio)
    {
        var known = new Dictionary<TaskKey, TaskDates>();
        for (var round = 0; ; round++)
        {
            Assert.True(round < 1000, "per-project scheduling did not settle");
            var changed = false;
            foreach (var project in portfolio.Projects)
            {
                var incoming = portfolio.CrossLinks
                    .Where(c => c.To.ProjectId == project.ProjectId && known.ContainsKey(c.From))
                    .Select(c => c.IntoSuccessor(known[c.From])).ToList();
                var outgoing = portfolio.CrossLinks
                    .Where(c => c.From.ProjectId == project.ProjectId && known.ContainsKey(c.To))
                    .Select(c => c.OutOfPredecessor(known[c.To])).ToList();

                var schedule = CriticalPath.ScheduleProject(project.StartDay, project.Tasks, project.Links, incoming, outgoing);
                foreach (var (taskId, dates) in schedule.Tasks)
                {
                    var key = new TaskKey(project.ProjectId, taskId);
                    if (known.TryGetValue(key, out var old) && old == dates) continue;
                    known[key] = dates;
                    changed = true;
                }
            }
            if (!changed) return known;
        }
    }
}
