using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Components.Views;

/// <summary>
/// Lays the project graph out in columns (a project sits one column right of its latest predecessor)
/// and finds the critical chain: from the project that finishes last, back through the predecessor
/// that finishes latest, which is the chain whose slips delay the portfolio's end. Pure.
/// </summary>
public sealed class DependencyLayout
{
    public const double ColumnWidth = 190, RowHeight = 46, Margin = 24;

    public DependencyLayout(DependencyGraph graph)
    {
        var nodes = graph.Nodes.ToDictionary(n => n.ProjectId, StringComparer.Ordinal);
        Edges = [.. graph.Edges.Where(e => nodes.ContainsKey(e.FromProject) && nodes.ContainsKey(e.ToProject))];
        var predecessors = Edges.ToLookup(e => e.ToProject, e => e.FromProject, StringComparer.Ordinal);

        // Longest path from a source, iteratively (the graph is acyclic: the engine refuses cycles).
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        var successors = Edges.ToLookup(e => e.FromProject, e => e.ToProject, StringComparer.Ordinal);
        var indegree = nodes.Keys.ToDictionary(id => id, id => predecessors[id].Count(), StringComparer.Ordinal);
        var ready = new Queue<string>(indegree.Where(p => p.Value == 0).Select(p => p.Key).Order(StringComparer.Ordinal));
        while (ready.TryDequeue(out var id))
        {
            column[id] = predecessors[id].Select(p => column.GetValueOrDefault(p) + 1).DefaultIfEmpty(0).Max();
            foreach (var next in successors[id])
                if (--indegree[next] == 0) ready.Enqueue(next);
        }
        foreach (var id in nodes.Keys.Where(id => !column.ContainsKey(id))) column[id] = 0;

        var placed = new List<(DependencyNode Node, int Column, int Row)>();
        foreach (var group in column.GroupBy(c => c.Value).OrderBy(g => g.Key))
        {
            var row = 0;
            foreach (var id in group.Select(g => g.Key).Order(StringComparer.Ordinal)) placed.Add((nodes[id], group.Key, row++));
        }
        Nodes = placed;
        _positions = placed.ToDictionary(p => p.Node.ProjectId, p => (Margin + p.Column * ColumnWidth, Margin + p.Row * RowHeight), StringComparer.Ordinal);
        Width = Margin * 2 + (placed.Count == 0 ? 0 : placed.Max(p => p.Column) + 1) * ColumnWidth;
        Height = Margin * 2 + (placed.Count == 0 ? 0 : placed.Max(p => p.Row) + 1) * RowHeight;

        var chain = new List<string>();
        var current = nodes.Values.OrderByDescending(n => n.Finish).ThenBy(n => n.ProjectId, StringComparer.Ordinal).FirstOrDefault()?.ProjectId;
        while (current is not null && !chain.Contains(current))
        {
            chain.Add(current);
            current = predecessors[current].Select(p => nodes[p]).OrderByDescending(n => n.Finish).ThenBy(n => n.ProjectId, StringComparer.Ordinal).FirstOrDefault()?.ProjectId;
        }
        chain.Reverse();
        CriticalChain = chain;
        _chainEdges = chain.Zip(chain.Skip(1)).ToHashSet();
    }

    /// <summary>
    /// At most <paramref name="max"/> projects for drawing: the critical chain first, then the projects that
    /// finish latest, with the links among them. A map of ten thousand nodes helps nobody and costs the browser dearly.
    /// </summary>
    public static DependencyGraph Focus(DependencyGraph graph, int max)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Nodes.Count <= max) return graph;
        var chain = new DependencyLayout(graph).CriticalChain;
        var keep = chain.Concat(graph.Nodes.OrderByDescending(n => n.Finish).ThenBy(n => n.ProjectId, StringComparer.Ordinal).Select(n => n.ProjectId))
            .Distinct().Take(max).ToHashSet(StringComparer.Ordinal);
        return new DependencyGraph(
            [.. graph.Nodes.Where(n => keep.Contains(n.ProjectId))],
            [.. graph.Edges.Where(e => keep.Contains(e.FromProject) && keep.Contains(e.ToProject))]);
    }

    private readonly Dictionary<string, (double X, double Y)> _positions;
    private readonly HashSet<(string, string)> _chainEdges;

    public IReadOnlyList<(DependencyNode Node, int Column, int Row)> Nodes { get; }
    public IReadOnlyList<DependencyEdge> Edges { get; }
    /// <summary>Project ids along the critical chain, first predecessor first.</summary>
    public IReadOnlyList<string> CriticalChain { get; }
    public double Width { get; }
    public double Height { get; }

    public (double X, double Y) Position(string projectId) => _positions[projectId];

    public bool OnChain(DependencyEdge edge) => _chainEdges.Contains((edge.FromProject, edge.ToProject));

    public bool OnChain(string projectId) => CriticalChain.Contains(projectId);
}
