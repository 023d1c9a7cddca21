namespace Pmo.Domain.Scheduling;

/// <summary>
/// The enterprise-wide precedence graph over tasks (intra- and cross-project links),
/// kept so that a new link or a replaced project can be checked for cycles before it is accepted.
/// Mutable; owned by one catalog.
/// </summary>
/// <remarks>
/// Sized for the whole enterprise (a million and more tasks): each task is interned to an int
/// slot, and its successors and predecessors are plain int arrays rather than hash sets, which
/// would cost several objects per task. Degrees are small, so the linear duplicate check and
/// removal are vectorised scans over a few ints. Edges are a set: adding one twice keeps one.
/// Traversals are iterative (a long chain would overflow the stack) and mark visits with a
/// generation stamp so a query does not clear per-task arrays.
/// Not thread-safe; the catalog serialises access.
/// </remarks>
public sealed class TaskGraph
{
    private readonly Dictionary<TaskKey, int> _slots = new();
    private readonly Dictionary<string, List<int>> _projectTasks = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeSlots = new();

    private TaskKey[] _keys = [];
    private AdjacencyList[] _successors = [];
    private AdjacencyList[] _predecessors = [];
    private bool[] _alive = [];
    private int _slotCount;

    // Scratch for traversals, indexed by slot; a slot counts as visited when _visited[slot] == _stamp.
    private int[] _visited = [];
    private int[] _via = [];
    private int _stamp;

    /// <summary>Replaces all intra-project edges of <paramref name="projectId"/> (its tasks and links).</summary>
    /// <remarks>
    /// Cross-project edges of tasks that survive are kept; those of tasks that vanish go with them.
    /// Links naming a task that is not in <paramref name="taskIds"/> are ignored.
    /// </remarks>
    public void SetProject(string projectId, IEnumerable<string> taskIds, IEnumerable<(string From, string To)> links)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(taskIds);
        ArgumentNullException.ThrowIfNull(links);

        var wanted = new HashSet<string>(taskIds, StringComparer.Ordinal);
        // Detaching the membership list first spares RemoveSlot a linear search per vanished task.
        if (_projectTasks.Remove(projectId, out var existing))
        {
            var kept = new List<int>(wanted.Count);
            foreach (var slot in existing)
            {
                if (!wanted.Contains(_keys[slot].TaskId)) RemoveSlot(slot);
                else
                {
                    RemoveIntraEdges(slot, projectId);
                    kept.Add(slot);
                }
            }
            if (kept.Count > 0) _projectTasks[projectId] = kept;
        }

        foreach (var taskId in wanted) SlotOf(new TaskKey(projectId, taskId));

        foreach (var (from, to) in links)
        {
            if (wanted.Contains(from) && wanted.Contains(to))
                Link(_slots[new TaskKey(projectId, from)], _slots[new TaskKey(projectId, to)]);
        }
    }

    /// <summary>Removes a project's tasks and every edge touching them (cross edges too).</summary>
    public void RemoveProject(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        if (!_projectTasks.Remove(projectId, out var slots)) return;
        foreach (var slot in slots) RemoveSlot(slot);
    }

    /// <summary>Adds the edge; an endpoint not yet in the graph is added as a task of its project.</summary>
    /// <remarks>
    /// Adding rather than refusing lets the catalog mirror a cross link before or after the
    /// project that owns the endpoint; a later <see cref="SetProject"/> that does not name the
    /// task drops it and its edges again.
    /// </remarks>
    public void AddEdge(TaskKey from, TaskKey to) => Link(SlotOf(from), SlotOf(to));

    public void RemoveEdge(TaskKey from, TaskKey to)
    {
        if (!_slots.TryGetValue(from, out var a) || !_slots.TryGetValue(to, out var b)) return;
        if (_successors[a].Remove(b)) _predecessors[b].Remove(a);
    }

    public bool Contains(TaskKey task) => _slots.ContainsKey(task);

    /// <summary>
    /// If adding from→to would close a cycle, the cycle as task keys starting at <paramref name="from"/>,
    /// going through <paramref name="to"/> and back, with the first key repeated last; otherwise null.
    /// </summary>
    /// <remarks>Breadth-first from <paramref name="to"/>, so the reported cycle is a shortest one.</remarks>
    public IReadOnlyList<TaskKey>? CycleIfAdded(TaskKey from, TaskKey to)
    {
        if (from == to) return [from, from];
        if (!_slots.TryGetValue(from, out var target) || !_slots.TryGetValue(to, out var origin)) return null;

        var stamp = NextStamp();
        var queue = new Queue<int>();
        _visited[origin] = stamp;
        _via[origin] = -1;
        queue.Enqueue(origin);
        while (queue.Count > 0)
        {
            var slot = queue.Dequeue();
            foreach (var next in _successors[slot].Items)
            {
                if (_visited[next] == stamp) continue;
                _visited[next] = stamp;
                _via[next] = slot;
                if (next == target) return CycleThrough(target);
                queue.Enqueue(next);
            }
        }
        return null;
    }

    /// <summary>Any cycle in the graph, first key repeated last; null when acyclic.</summary>
    public IReadOnlyList<TaskKey>? FindCycle()
    {
        // Colours by stamp: _visited == stamp means "on the current path or finished";
        // _via == OnPath tells the two apart. A successor that is on the path closes a cycle.
        const int OnPath = -2, Finished = -3;
        var stamp = NextStamp();
        var path = new List<int>();
        var nextEdge = new List<int>();

        for (var root = 0; root < _slotCount; root++)
        {
            if (!_alive[root] || _visited[root] == stamp) continue;
            _visited[root] = stamp;
            _via[root] = OnPath;
            path.Add(root);
            nextEdge.Add(0);

            while (path.Count > 0)
            {
                var top = path.Count - 1;
                var slot = path[top];
                var successors = _successors[slot].Items;
                var e = nextEdge[top];
                if (e == successors.Length)
                {
                    _via[slot] = Finished;
                    path.RemoveAt(top);
                    nextEdge.RemoveAt(top);
                    continue;
                }
                nextEdge[top] = e + 1;

                var next = successors[e];
                if (_visited[next] != stamp)
                {
                    _visited[next] = stamp;
                    _via[next] = OnPath;
                    path.Add(next);
                    nextEdge.Add(0);
                }
                else if (_via[next] == OnPath)
                {
                    var start = path.LastIndexOf(next);
                    var cycle = new List<TaskKey>(path.Count - start + 1);
                    for (var k = start; k < path.Count; k++) cycle.Add(_keys[path[k]]);
                    cycle.Add(_keys[next]);
                    return cycle;
                }
            }
        }
        return null;
    }

    /// <summary>[from, to, ..., from] from the BFS parents that lead back from <paramref name="target"/> to the origin.</summary>
    private List<TaskKey> CycleThrough(int target)
    {
        var reversed = new List<int>();
        for (var slot = target; slot != -1; slot = _via[slot]) reversed.Add(slot);
        // reversed is [from, ..., to]; the cycle walks to → ... → from, led by the new edge from → to.
        var cycle = new List<TaskKey>(reversed.Count + 1) { _keys[target] };
        for (var k = reversed.Count - 1; k >= 0; k--) cycle.Add(_keys[reversed[k]]);
        return cycle;
    }

    private void Link(int from, int to)
    {
        if (_successors[from].Add(to)) _predecessors[to].Add(from);
    }

    private void RemoveIntraEdges(int slot, string projectId)
    {
        foreach (var next in _successors[slot].Items.ToArray())
            if (_keys[next].ProjectId == projectId) { _successors[slot].Remove(next); _predecessors[next].Remove(slot); }
        foreach (var previous in _predecessors[slot].Items.ToArray())
            if (_keys[previous].ProjectId == projectId) { _predecessors[slot].Remove(previous); _successors[previous].Remove(slot); }
    }

    private int SlotOf(TaskKey key)
    {
        if (_slots.TryGetValue(key, out var slot)) return slot;

        if (_freeSlots.Count > 0) slot = _freeSlots.Pop();
        else
        {
            if (_slotCount == _keys.Length) Grow();
            slot = _slotCount++;
        }
        _slots[key] = slot;
        _keys[slot] = key;
        _alive[slot] = true;
        _successors[slot] = default;
        _predecessors[slot] = default;
        if (!_projectTasks.TryGetValue(key.ProjectId, out var tasks))
            _projectTasks[key.ProjectId] = tasks = [];
        tasks.Add(slot);
        return slot;
    }

    private void RemoveSlot(int slot)
    {
        foreach (var next in _successors[slot].Items) _predecessors[next].Remove(slot);
        foreach (var previous in _predecessors[slot].Items) _successors[previous].Remove(slot);
        _successors[slot] = default;
        _predecessors[slot] = default;

        var key = _keys[slot];
        _slots.Remove(key);
        _alive[slot] = false;
        _keys[slot] = default;
        if (_projectTasks.TryGetValue(key.ProjectId, out var tasks))
        {
            tasks.Remove(slot);
            if (tasks.Count == 0) _projectTasks.Remove(key.ProjectId);
        }
        _freeSlots.Push(slot);
    }

    private void Grow()
    {
        var size = Math.Max(16, _keys.Length * 2);
        Array.Resize(ref _keys, size);
        Array.Resize(ref _successors, size);
        Array.Resize(ref _predecessors, size);
        Array.Resize(ref _alive, size);
        Array.Resize(ref _visited, size);
        Array.Resize(ref _via, size);
    }

    private int NextStamp()
    {
        // On wrap-around old stamps could collide with new ones; clearing once every 2^31 queries is free.
        if (_stamp == int.MaxValue)
        {
            Array.Clear(_visited);
            _stamp = 0;
        }
        return ++_stamp;
    }

    /// <summary>A small set of slots kept as an array prefix; order is not meaningful.</summary>
    private struct AdjacencyList
    {
        private int[]? _items;
        private int _count;

        public readonly ReadOnlySpan<int> Items => _items.AsSpan(0, _count);

        public bool Add(int slot)
        {
            if (Items.Contains(slot)) return false;
            if (_items is null) _items = new int[2];
            else if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
            _items[_count++] = slot;
            return true;
        }

        public bool Remove(int slot)
        {
            var at = Items.IndexOf(slot);
            if (at < 0) return false;
            _items![at] = _items[--_count];
            if (_count == 0) _items = null;
            return true;
        }
    }
}
