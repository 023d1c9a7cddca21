using Pmo.Domain.Scheduling;

namespace Pmo.Load.Scenarios;

/// <summary>A path of projects along cross-project links, from a head no cross link arrives at.</summary>
public sealed record CrossChain(IReadOnlyList<string> Projects, CrossNetworkLink FirstLink)
{
    public string Head => Projects[0];
    public int Length => Projects.Count;
}

/// <summary>
/// Finds the longest cross-project chains of a document: the projects whose slip reaches the most
/// other projects one after another, which is what the cascade scenario slips.
/// </summary>
public static class CrossChains
{
    /// <summary>
    /// For each head project (one with outgoing but no incoming cross links), its longest path of
    /// projects downstream; longest first, ties by head id. Only chains of at least
    /// <paramref name="minimumLength"/> projects; at most <paramref name="count"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The project graph has a cycle (the service refuses those).</exception>
    public static IReadOnlyList<CrossChain> Longest(IEnumerable<CrossNetworkLink> links, int count, int minimumLength = 2)
    {
        ArgumentNullException.ThrowIfNull(links);
        var successors = new Dictionary<string, SortedDictionary<string, CrossNetworkLink>>(StringComparer.Ordinal);
        var inDegree = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            var (from, to) = (link.From.ProjectId, link.To.ProjectId);
            if (from == to) continue;
            inDegree.TryAdd(from, 0);
            inDegree.TryAdd(to, 0);
            if (!successors.TryGetValue(from, out var next)) successors[from] = next = new(StringComparer.Ordinal);
            // Several task-level links between the same two projects are one project-level edge.
            if (next.TryAdd(to, link)) inDegree[to]++;
        }

        // Kahn's order, then longest path downstream of each project in reverse order.
        var remaining = new Dictionary<string, int>(inDegree, StringComparer.Ordinal);
        var queue = new Queue<string>(remaining.Where(kv => kv.Value == 0).Select(kv => kv.Key).Order(StringComparer.Ordinal));
        var order = new List<string>(remaining.Count);
        while (queue.Count > 0)
        {
            var project = queue.Dequeue();
            order.Add(project);
            if (!successors.TryGetValue(project, out var next)) continue;
            foreach (var to in next.Keys)
                if (--remaining[to] == 0) queue.Enqueue(to);
        }
        if (order.Count < remaining.Count)
            throw new InvalidOperationException("The cross-project links form a cycle.");

        var down = new Dictionary<string, int>(StringComparer.Ordinal);
        var best = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var project = order[i];
            var length = 1;
            if (successors.TryGetValue(project, out var next))
            {
                foreach (var to in next.Keys)
                {
                    if (down[to] + 1 <= length) continue;
                    length = down[to] + 1;
                    best[project] = to;
                }
            }
            down[project] = length;
        }

        return inDegree.Where(kv => kv.Value == 0 && successors.ContainsKey(kv.Key))
            .Select(kv => kv.Key)
            .Where(head => down[head] >= minimumLength)
            .OrderByDescending(head => down[head]).ThenBy(head => head, StringComparer.Ordinal)
            .Take(count)
            .Select(head =>
            {
                var path = new List<string> { head };
                for (var current = head; best.TryGetValue(current, out var next);) path.Add(current = next);
                return new CrossChain(path, successors[head][path[1]]);
            })
            .ToList();
    }
}
