namespace Pmo.Domain.Tests.Scheduling;

/// <summary>A random multi-project network; acyclic because every link goes forward in a hidden rank order.</summary>
internal sealed record RandomPortfolio(IReadOnlyList<ProjectNetwork> Projects, IReadOnlyList<CrossNetworkLink> CrossLinks)
{
    public static RandomPortfolio Generate(Random random, int maxProjects = 5, int maxTasks = 12)
    {
        var projectCount = random.Next(1, maxProjects + 1);
        var all = new List<TaskKey>();
        var durations = new Dictionary<TaskKey, int>();
        for (var p = 0; p < projectCount; p++)
        {
            var taskCount = random.Next(0, maxTasks + 1);
            for (var t = 0; t < taskCount; t++)
            {
                var key = new TaskKey($"P{p}", $"t{t}");
                all.Add(key);
                durations[key] = random.Next(0, 11);
            }
        }

        // Shuffling the rank order keeps links from always pointing from low to high task numbers.
        var ranked = all.OrderBy(_ => random.Next()).ToList();
        var intra = new Dictionary<string, List<NetworkLink>>();
        var cross = new List<CrossNetworkLink>();
        var pairs = new HashSet<(TaskKey, TaskKey)>();
        var linkCount = ranked.Count == 0 ? 0 : random.Next(0, ranked.Count * 2);
        for (var l = 0; l < linkCount && ranked.Count > 1; l++)
        {
            var i = random.Next(ranked.Count - 1);
            var j = random.Next(i + 1, ranked.Count);
            var (from, to) = (ranked[i], ranked[j]);
            if (!pairs.Add((from, to))) continue;
            var type = (LinkType)random.Next(4);
            var lag = random.Next(-3, 6);
            if (from.ProjectId == to.ProjectId)
            {
                if (!intra.TryGetValue(from.ProjectId, out var list)) intra[from.ProjectId] = list = [];
                list.Add(new NetworkLink { From = from.TaskId, To = to.TaskId, Type = type, Lag = lag });
            }
            else cross.Add(new CrossNetworkLink(from, to, type, lag));
        }

        var projects = new List<ProjectNetwork>();
        for (var p = 0; p < projectCount; p++)
        {
            var id = $"P{p}";
            projects.Add(new ProjectNetwork
            {
                ProjectId = id,
                StartDay = random.Next(-5, 15),
                Tasks = all.Where(k => k.ProjectId == id).Select(k => new NetworkTask(k.TaskId, durations[k])).ToList(),
                Links = intra.GetValueOrDefault(id) ?? [],
            });
        }
        return new RandomPortfolio(projects, cross);
    }

    /// <summary>Every link of the portfolio, intra links lifted to task keys.</summary>
    public IEnumerable<CrossNetworkLink> AllLinks() =>
        Projects.SelectMany(p => p.Links.Select(l =>
            new CrossNetworkLink(new TaskKey(p.ProjectId, l.From), new TaskKey(p.ProjectId, l.To), l.Type, l.Lag)))
        .Concat(CrossLinks);
}
