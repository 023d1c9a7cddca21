namespace Pmo.Domain.Tests.Scheduling;

public sealed class TaskGraphTests
{
    private static TaskKey K(string project, string task) => new(project, task);

    private static TaskGraph Chain(string project, params string[] tasks)
    {
        var graph = new TaskGraph();
        graph.SetProject(project, tasks, tasks.Zip(tasks.Skip(1)));
        return graph;
    }

    /// <summary>P: a → b, and a one-task project Q whose x sits between P's <paramref name="into"/> and <paramref name="back"/>.</summary>
    private static TaskGraph ThroughQ(string into, string back)
    {
        var graph = Chain("P", "a", "b");
        graph.SetProject("Q", ["x"], []);
        graph.AddEdge(K("P", into), K("Q", "x"));
        graph.AddEdge(K("Q", "x"), K("P", back));
        return graph;
    }

    [Fact]
    public void Closing_edge_returns_the_cycle_from_its_start_through_its_end_and_back()
    {
        var graph = Chain("P", "a", "b", "c");

        var cycle = graph.CycleIfAdded(K("P", "c"), K("P", "a"));

        Assert.Equal([K("P", "c"), K("P", "a"), K("P", "b"), K("P", "c")], cycle);
    }

    [Fact]
    public void Forward_edge_closes_no_cycle()
    {
        var graph = Chain("P", "a", "b", "c");
        Assert.Null(graph.CycleIfAdded(K("P", "a"), K("P", "c")));
        Assert.Null(graph.CycleIfAdded(K("P", "a"), K("Q", "unknown")));
    }

    [Fact]
    public void Cycle_through_another_project_names_the_tasks_of_both()
    {
        var graph = Chain("P", "a", "b");
        graph.SetProject("Q", ["x", "y"], [("x", "y")]);
        graph.AddEdge(K("P", "b"), K("Q", "x"));

        var cycle = graph.CycleIfAdded(K("Q", "y"), K("P", "a"));

        Assert.Equal([K("Q", "y"), K("P", "a"), K("P", "b"), K("Q", "x"), K("Q", "y")], cycle);
    }

    [Fact]
    public void Cycle_reported_is_a_shortest_one()
    {
        var graph = Chain("P", "a", "b", "c", "d", "e");
        graph.AddEdge(K("P", "a"), K("P", "e"));

        Assert.Equal([K("P", "e"), K("P", "a"), K("P", "e")], graph.CycleIfAdded(K("P", "e"), K("P", "a")));
    }

    [Fact]
    public void Self_link_is_a_cycle_of_one_task()
    {
        var graph = Chain("P", "a");
        Assert.Equal([K("P", "a"), K("P", "a")], graph.CycleIfAdded(K("P", "a"), K("P", "a")));

        graph.AddEdge(K("P", "a"), K("P", "a"));
        Assert.Equal([K("P", "a"), K("P", "a")], graph.FindCycle());
    }

    [Fact]
    public void Removing_an_edge_of_the_cycle_breaks_it()
    {
        var graph = Chain("P", "a", "b", "c");
        graph.AddEdge(K("P", "c"), K("P", "a"));
        Assert.NotNull(graph.FindCycle());

        graph.RemoveEdge(K("P", "b"), K("P", "c"));

        Assert.Null(graph.FindCycle());
        Assert.Null(graph.CycleIfAdded(K("P", "c"), K("P", "a")));
    }

    [Fact]
    public void Removing_a_project_removes_its_tasks_and_the_cross_edges_touching_them()
    {
        var graph = ThroughQ(into: "b", back: "a");
        Assert.NotNull(graph.FindCycle());

        graph.RemoveProject("P");

        Assert.False(graph.Contains(K("P", "a")));
        Assert.True(graph.Contains(K("Q", "x")));
        Assert.Null(graph.FindCycle());
        // Re-creating P must not bring the old cross edges back.
        graph.SetProject("P", ["a", "b"], [("a", "b")]);
        Assert.Null(graph.CycleIfAdded(K("P", "b"), K("Q", "x")));
    }

    [Fact]
    public void Set_project_replaces_intra_edges_and_keeps_cross_edges_of_surviving_tasks()
    {
        var graph = Chain("P", "a", "b", "c");
        graph.SetProject("Q", ["x"], []);
        graph.AddEdge(K("Q", "x"), K("P", "a"));

        graph.SetProject("P", ["a", "b", "c"], [("c", "b")]);

        Assert.Null(graph.CycleIfAdded(K("P", "b"), K("P", "a"))); // a→b is gone
        Assert.NotNull(graph.CycleIfAdded(K("P", "b"), K("P", "c"))); // c→b is new
        Assert.NotNull(graph.CycleIfAdded(K("P", "a"), K("Q", "x"))); // x→a survived
    }

    [Fact]
    public void Set_project_drops_cross_edges_of_tasks_that_vanished()
    {
        var graph = ThroughQ(into: "a", back: "b");
        Assert.NotNull(graph.CycleIfAdded(K("P", "b"), K("P", "a")));

        graph.SetProject("P", ["b"], []);
        Assert.False(graph.Contains(K("P", "a")));

        // The task comes back under the same key, but its old cross edge a→x does not.
        graph.SetProject("P", ["a", "b"], []);
        Assert.Null(graph.CycleIfAdded(K("P", "b"), K("P", "a")));
        Assert.NotNull(graph.CycleIfAdded(K("P", "b"), K("Q", "x"))); // x→b survived throughout
    }

    [Fact]
    public void Links_naming_tasks_outside_the_project_are_ignored()
    {
        var graph = new TaskGraph();
        graph.SetProject("P", ["a"], [("a", "ghost")]);
        Assert.False(graph.Contains(K("P", "ghost")));
    }

    [Fact]
    public void Adding_the_same_edge_twice_keeps_one()
    {
        var graph = Chain("P", "a", "b");
        graph.AddEdge(K("P", "a"), K("P", "b"));
        graph.RemoveEdge(K("P", "a"), K("P", "b"));
        Assert.Null(graph.CycleIfAdded(K("P", "b"), K("P", "a")));
    }

    [Fact]
    public void Find_cycle_returns_only_the_cycle_not_the_path_leading_into_it()
    {
        var graph = Chain("P", "in1", "in2", "c1", "c2", "c3", "out");
        graph.AddEdge(K("P", "c3"), K("P", "c1"));

        var cycle = graph.FindCycle();

        Assert.NotNull(cycle);
        Assert.Equal(4, cycle.Count);
        Assert.Equal(cycle[0], cycle[^1]);
        Assert.Equal(["c1", "c2", "c3"], cycle.Take(3).Select(k => k.TaskId).Order());
    }

    [Fact]
    public void Find_cycle_on_a_chain_of_two_hundred_thousand_tasks_does_not_overflow_the_stack()
    {
        const int n = 200_000;
        var tasks = Enumerable.Range(0, n).Select(i => $"t{i}").ToArray();
        var graph = Chain("P", tasks);

        Assert.Null(graph.FindCycle());
        Assert.Null(graph.CycleIfAdded(K("P", "t0"), K("P", $"t{n - 1}")));

        var closing = graph.CycleIfAdded(K("P", $"t{n - 1}"), K("P", "t0"));
        Assert.NotNull(closing);
        Assert.Equal(n + 1, closing.Count);

        graph.AddEdge(K("P", $"t{n - 1}"), K("P", "t0"));
        var cycle = graph.FindCycle();
        Assert.NotNull(cycle);
        Assert.Equal(n + 1, cycle.Count);
        Assert.Equal(cycle[0], cycle[^1]);
    }

    [Fact]
    public void Find_cycle_agrees_with_a_topological_sort_on_random_graphs()
    {
        var random = new Random(11);
        for (var run = 0; run < 300; run++)
        {
            var graph = new TaskGraph();
            var edges = new HashSet<(TaskKey, TaskKey)>();
            var nodes = Enumerable.Range(0, random.Next(1, 25)).Select(i => K($"P{i % 3}", $"t{i}")).ToList();
            foreach (var group in nodes.GroupBy(k => k.ProjectId))
                graph.SetProject(group.Key, group.Select(k => k.TaskId), []);
            for (var e = random.Next(nodes.Count * 2); e > 0; e--)
            {
                var (from, to) = (nodes[random.Next(nodes.Count)], nodes[random.Next(nodes.Count)]);
                var predicted = graph.CycleIfAdded(from, to);
                graph.AddEdge(from, to);
                edges.Add((from, to));
                if (predicted is not null) AssertIsCycle(predicted, edges);
            }

            var cycle = graph.FindCycle();
            Assert.Equal(HasCycle(nodes, edges), cycle is not null);
            if (cycle is not null) AssertIsCycle(cycle, edges);
        }
    }

    private static void AssertIsCycle(IReadOnlyList<TaskKey> cycle, HashSet<(TaskKey, TaskKey)> edges)
    {
        Assert.True(cycle.Count >= 2);
        Assert.Equal(cycle[0], cycle[^1]);
        for (var i = 0; i + 1 < cycle.Count; i++)
            Assert.Contains((cycle[i], cycle[i + 1]), edges);
    }

    private static bool HasCycle(List<TaskKey> nodes, HashSet<(TaskKey From, TaskKey To)> edges)
    {
        var inDegree = nodes.ToDictionary(n => n, _ => 0);
        foreach (var (_, to) in edges) inDegree[to]++;
        var ready = new Queue<TaskKey>(nodes.Where(n => inDegree[n] == 0));
        var done = 0;
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            done++;
            foreach (var (_, to) in edges.Where(e => e.From == node))
                if (--inDegree[to] == 0) ready.Enqueue(to);
        }
        return done < nodes.Count;
    }
}
