namespace Pmo.Grains.Enterprise;

/// <summary>
/// Keeps what interleaving structural commands tell one grain in the order the catalog accepted them.
/// Two moves of the same project run their calls to it one after the other (the second would otherwise
/// race the first and the project could end where the catalog says it is not); moves of different
/// projects run side by side. A command takes its place in the lanes of every grain it tells in the turn
/// it changes the catalog, so the order per grain is the order of the journal.
/// </summary>
/// <remarks>Not thread-safe: used in the enterprise grain's turns only.</remarks>
internal sealed class GrainLanes
{
    private readonly Dictionary<string, (object Run, Task Done)> _tails = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> after everything queued before it in any of <paramref name="keys"/>.</summary>
    public Task Run(IReadOnlyCollection<string> keys, Func<Task> work)
    {
        var before = keys.Select(k => _tails.TryGetValue(k, out var tail) ? tail.Done : null).OfType<Task>().Distinct().ToArray();
        var run = new object();
        var done = RunAfter(before, work, keys, run);
        // Work that finished at once has already left its lanes.
        if (!done.IsCompleted)
            foreach (var key in keys) _tails[key] = (run, done);
        return done;
    }

    /// <summary>Lanes with work queued or running (for tests: an idle grain holds none).</summary>
    public int Busy => _tails.Count;

    private async Task RunAfter(Task[] before, Func<Task> work, IReadOnlyCollection<string> keys, object run)
    {
        try
        {
            foreach (var earlier in before)
            {
                // An earlier command's failure is reported to that command's caller; this one still goes.
                try { await earlier; }
                catch { }
            }
            await work();
        }
        finally
        {
            // Leaves the lanes it is still last in before its task completes, so an idle grain holds none.
            foreach (var key in keys)
                if (_tails.TryGetValue(key, out var tail) && tail.Run == run) _tails.Remove(key);
        }
    }
}
