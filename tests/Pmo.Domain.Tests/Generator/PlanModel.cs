namespace Pmo.Domain.Tests.Generator;

/// <summary>
/// A test-side model of a whole document: every task of every project as one node ("p/t"), intra-project
/// links and cross links as one edge list, a working-day numbering of the document's calendar, and a
/// plain CPM forward pass. Deliberately independent of the production scheduler.
/// </summary>
internal sealed class PlanModel
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _keys = new();
    private readonly List<int> _duration = new();
    private readonly List<int> _projectOf = new();
    private readonly List<List<Edge>> _successors = new();
    private readonly List<List<Edge>> _predecessors = new();
    private readonly List<int> _projectStart = new();
    private readonly List<DateOnly> _workingDays = new();
    private readonly Dictionary<DateOnly, int> _dayNumber = new();

    public readonly record struct Edge(int From, int To, string Type, int Lag);

    public PlanModel(PortfolioDocument document)
    {
        Document = document;
        var workingDays = (document.Calendar?.WorkingDays ?? ["Mon", "Tue", "Wed", "Thu", "Fri"])
            .Select(d => Enum.GetValues<DayOfWeek>().Single(w => w.ToString()[..3] == d)).ToHashSet();
        var holidays = (document.Calendar?.Holidays ?? []).Select(Parse).ToHashSet();
        var origin = document.Projects!.Min(p => Parse(p.Start!));
        for (var date = origin; _workingDays.Count < 4000; date = date.AddDays(1))
        {
            if (!workingDays.Contains(date.DayOfWeek) || holidays.Contains(date)) continue;
            _dayNumber[date] = _workingDays.Count;
            _workingDays.Add(date);
        }

        for (var p = 0; p < document.Projects!.Count; p++)
        {
            var project = document.Projects[p];
            _projectStart.Add(DayNumber(Parse(project.Start!)));
            foreach (var task in project.Tasks!)
            {
                _index.Add(Key(project.Id!, task.Id!), _keys.Count);
                _keys.Add(Key(project.Id!, task.Id!));
                _duration.Add(task.Duration!.Value);
                _projectOf.Add(p);
                _successors.Add(new List<Edge>());
                _predecessors.Add(new List<Edge>());
            }
            foreach (var link in project.Links!)
                AddEdge(Key(project.Id!, link.From!), Key(project.Id!, link.To!), link.Type!, link.Lag ?? 0);
        }
        foreach (var link in document.CrossLinks!)
            AddEdge(Key(link.FromProject!, link.FromTask!), Key(link.ToProject!, link.ToTask!), link.Type!, link.Lag ?? 0);
    }

    public PortfolioDocument Document { get; }

    public int NodeCount => _keys.Count;

    public int StatusDay => DayNumber(Parse(Document.StatusDate!));

    public static string Key(string projectId, string taskId) => projectId + "/" + taskId;

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public int Node(string projectId, string taskId) => _index[Key(projectId, taskId)];

    public int ProjectOf(int node) => _projectOf[node];

    public int Duration(int node) => _duration[node];

    public DateOnly DateOf(int day) => _workingDays[day];

    /// <summary>The number of a date, or of the next working day.</summary>
    public int DayNumber(DateOnly date)
    {
        while (!_dayNumber.ContainsKey(date)) date = date.AddDays(1);
        return _dayNumber[date];
    }

    /// <summary>A cycle as node keys (first repeated last), or null. Iterative DFS with three colours.</summary>
    public IReadOnlyList<string>? FindCycle() => Dfs(out _);

    public int[] TopologicalOrder() =>
        Dfs(out var order) is null ? order : throw new InvalidOperationException("The plan has a cycle.");

    /// <summary>CPM early starts: at least the project start, and every link's bound.</summary>
    public int[] EarlyStarts(IReadOnlyDictionary<int, int>? extraDuration = null)
    {
        var es = new int[NodeCount];
        foreach (var node in TopologicalOrder())
        {
            var duration = Duration(node, extraDuration);
            var start = _projectStart[_projectOf[node]];
            foreach (var edge in _predecessors[node])
            {
                var finish = es[edge.From] + Duration(edge.From, extraDuration);
                var bound = edge.Type switch
                {
                    "FS" => finish + edge.Lag,
                    "SS" => es[edge.From] + edge.Lag,
                    "FF" => finish + edge.Lag - duration,
                    "SF" => es[edge.From] + edge.Lag - duration,
                    _ => throw new InvalidOperationException($"link type {edge.Type}"),
                };
                start = Math.Max(start, bound);
            }
            es[node] = start;
        }
        return es;
    }

    /// <summary>Each project's finish in working days: the largest EF of its tasks.</summary>
    public int[] ProjectFinishes(int[] earlyStarts, IReadOnlyDictionary<int, int>? extraDuration = null)
    {
        var finish = new int[_projectStart.Count];
        for (var node = 0; node < NodeCount; node++)
            finish[_projectOf[node]] = Math.Max(finish[_projectOf[node]], earlyStarts[node] + Duration(node, extraDuration));
        return finish;
    }

    public IReadOnlyList<Edge> Predecessors(int node) => _predecessors[node];

    private int Duration(int node, IReadOnlyDictionary<int, int>? extra) =>
        _duration[node] + (extra is not null && extra.TryGetValue(node, out var more) ? more : 0);

    private void AddEdge(string from, string to, string type, int lag)
    {
        var edge = new Edge(_index[from], _index[to], type, lag);
        _successors[edge.From].Add(edge);
        _predecessors[edge.To].Add(edge);
    }

    private List<string>? Dfs(out int[] topological)
    {
        const byte White = 0, Grey = 1, Black = 2;
        var colour = new byte[NodeCount];
        var parent = new int[NodeCount];
        var postorder = new List<int>(NodeCount);
        var stack = new Stack<(int Node, int Next)>();
        for (var root = 0; root < NodeCount; root++)
        {
            if (colour[root] != White) continue;
            colour[root] = Grey;
            parent[root] = -1;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < _successors[node].Count)
                {
                    stack.Push((node, next + 1));
                    var child = _successors[node][next].To;
                    if (colour[child] == Grey)
                    {
                        var cycle = new List<string> { _keys[child] };
                        for (var at = node; at != child; at = parent[at]) cycle.Add(_keys[at]);
                        cycle.Add(_keys[child]);
                        cycle.Reverse();
                        topological = [];
                        return cycle;
                    }
                    if (colour[child] == White)
                    {
                        colour[child] = Grey;
                        parent[child] = node;
                        stack.Push((child, 0));
                    }
                }
                else
                {
                    colour[node] = Black;
                    postorder.Add(node);
                }
            }
        }
        postorder.Reverse();
        topological = postorder.ToArray();
        return null;
    }
}
