namespace Pmo.Domain.Scheduling;

/// <summary>
/// Tasks as indices 0..n-1 and links as flat arrays grouped by predecessor, with the
/// forward and backward passes of <see cref="CriticalPath"/>. One instance per scheduling run.
/// </summary>
/// <remarks>
/// Both passes walk one topological order. The forward pass pushes along each task's
/// outgoing links; the backward pass walks the order in reverse and pulls from the same
/// outgoing links, whose successors are already final by then, so no predecessor lists are needed.
/// </remarks>
internal sealed class PrecedenceNetwork
{
    private readonly int _taskCount;
    private int _linkCount;
    private readonly int[] _linkFrom;
    private readonly int[] _linkTo;
    private readonly LinkType[] _linkType;
    private readonly int[] _linkLag;

    // After Seal: links of task i are _firstLink[i] .. _firstLink[i+1]-1 in the sorted arrays.
    private int[] _firstLink = [];
    private int[] _succ = [];
    private LinkType[] _succType = [];
    private int[] _succLag = [];
    private int[] _order = [];

    public PrecedenceNetwork(int taskCount, int linkCapacity)
    {
        _taskCount = taskCount;
        Duration = new int[taskCount];
        EarlyStart = new int[taskCount];
        LateFinish = new int[taskCount];
        _linkFrom = new int[linkCapacity];
        _linkTo = new int[linkCapacity];
        _linkType = new LinkType[linkCapacity];
        _linkLag = new int[linkCapacity];
    }

    public int[] Duration { get; }
    /// <summary>Lower bounds before <see cref="ForwardPass"/>, the early starts after it.</summary>
    public int[] EarlyStart { get; }
    /// <summary>Upper bounds before <see cref="BackwardPass"/>, the late finishes after it.</summary>
    public int[] LateFinish { get; }

    public void SetDuration(int task, int duration, string id)
    {
        // A negative duration would let EF precede ES and break "float is never negative";
        // the document validation refuses it, so reaching here is a caller bug.
        if (duration < 0)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"Task '{id}' has a negative duration.");
        Duration[task] = duration;
    }

    public void AddLink(int from, int to, LinkType type, int lag)
    {
        _linkFrom[_linkCount] = from;
        _linkTo[_linkCount] = to;
        _linkType[_linkCount] = type;
        _linkLag[_linkCount] = lag;
        _linkCount++;
    }

    /// <summary>Groups links by predecessor and orders the tasks (Kahn); throws on a cycle.</summary>
    public void Seal(Func<int, string> nameOf)
    {
        var n = _taskCount;
        _firstLink = new int[n + 1];
        for (var l = 0; l < _linkCount; l++) _firstLink[_linkFrom[l] + 1]++;
        for (var i = 0; i < n; i++) _firstLink[i + 1] += _firstLink[i];

        _succ = new int[_linkCount];
        _succType = new LinkType[_linkCount];
        _succLag = new int[_linkCount];
        var fill = new int[n];
        var inDegree = new int[n];
        for (var l = 0; l < _linkCount; l++)
        {
            var from = _linkFrom[l];
            var slot = _firstLink[from] + fill[from]++;
            _succ[slot] = _linkTo[l];
            _succType[slot] = _linkType[l];
            _succLag[slot] = _linkLag[l];
            inDegree[_linkTo[l]]++;
        }

        // The order array doubles as Kahn's queue: everything before `tail` has been released.
        _order = new int[n];
        var tail = 0;
        for (var i = 0; i < n; i++)
            if (inDegree[i] == 0) _order[tail++] = i;
        for (var head = 0; head < tail; head++)
        {
            var task = _order[head];
            for (var s = _firstLink[task]; s < _firstLink[task + 1]; s++)
                if (--inDegree[_succ[s]] == 0) _order[tail++] = _succ[s];
        }

        if (tail < n)
            throw new InvalidOperationException($"The task network has a cycle through task '{nameOf(TaskOnCycle(inDegree))}'.");
    }

    /// <summary>
    /// Kahn left behind exactly the tasks with a remaining in-degree, and each of them has a
    /// remaining predecessor. Walking predecessors n times from any of them must end on a cycle:
    /// a task merely downstream of one is not on it, so the walk, not the first leftover, names the task.
    /// </summary>
    private int TaskOnCycle(int[] inDegree)
    {
        var n = _taskCount;
        var predecessor = new int[n];
        Array.Fill(predecessor, -1);
        for (var l = 0; l < _linkCount; l++)
            if (inDegree[_linkFrom[l]] > 0 && inDegree[_linkTo[l]] > 0)
                predecessor[_linkTo[l]] = _linkFrom[l];

        var task = Array.FindIndex(inDegree, d => d > 0);
        for (var step = 0; step < n; step++) task = predecessor[task];
        return task;
    }

    /// <summary>Applies a predecessor outside the network (another project's task with fixed dates).</summary>
    public void RaiseEarlyStart(int task, LinkType type, int lag, int predecessorEarlyStart, int predecessorEarlyFinish)
    {
        var bound = EarlyStartBound(type, lag, predecessorEarlyStart, predecessorEarlyFinish, Duration[task]);
        if (bound > EarlyStart[task]) EarlyStart[task] = bound;
    }

    /// <summary>Applies a successor outside the network (another project's task with fixed late dates).</summary>
    public void LowerLateFinish(int task, LinkType type, int lag, int successorLateStart, int successorLateFinish)
    {
        var bound = LateFinishBound(type, lag, successorLateStart, successorLateFinish, Duration[task]);
        if (bound < LateFinish[task]) LateFinish[task] = bound;
    }

    public void ForwardPass()
    {
        var es = EarlyStart;
        var duration = Duration;
        foreach (var task in _order)
        {
            var start = es[task];
            var finish = start + duration[task];
            for (var s = _firstLink[task]; s < _firstLink[task + 1]; s++)
            {
                var succ = _succ[s];
                var bound = EarlyStartBound(_succType[s], _succLag[s], start, finish, duration[succ]);
                if (bound > es[succ]) es[succ] = bound;
            }
        }
    }

    public void BackwardPass()
    {
        var lf = LateFinish;
        var duration = Duration;
        for (var k = _order.Length - 1; k >= 0; k--)
        {
            var task = _order[k];
            var finish = lf[task];
            for (var s = _firstLink[task]; s < _firstLink[task + 1]; s++)
            {
                var succ = _succ[s];
                var bound = LateFinishBound(_succType[s], _succLag[s], lf[succ] - duration[succ], lf[succ], duration[task]);
                if (bound < finish) finish = bound;
            }
            lf[task] = finish;
        }
    }

    public TaskDates DatesOf(int task) =>
        new(EarlyStart[task], EarlyStart[task] + Duration[task], LateFinish[task] - Duration[task], LateFinish[task]);

    /// <summary>The least ES of a successor with <paramref name="successorDuration"/> that one link allows.</summary>
    private static int EarlyStartBound(LinkType type, int lag, int predecessorStart, int predecessorFinish, int successorDuration) => type switch
    {
        LinkType.FS => predecessorFinish + lag,
        LinkType.SS => predecessorStart + lag,
        // FF and SF bind the successor's finish; ES = EF - duration turns that into a start bound.
        LinkType.FF => predecessorFinish + lag - successorDuration,
        LinkType.SF => predecessorStart + lag - successorDuration,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown link type."),
    };

    /// <summary>The greatest LF of a predecessor with <paramref name="predecessorDuration"/> that one link allows.</summary>
    private static int LateFinishBound(LinkType type, int lag, int successorLateStart, int successorLateFinish, int predecessorDuration) => type switch
    {
        LinkType.FS => successorLateStart - lag,
        // SS and SF bind the predecessor's start; LF = LS + duration turns that into a finish bound.
        LinkType.SS => successorLateStart - lag + predecessorDuration,
        LinkType.FF => successorLateFinish - lag,
        LinkType.SF => successorLateFinish - lag + predecessorDuration,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown link type."),
    };
}
