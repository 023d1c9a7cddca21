namespace Pmo.Grains.Propagation;

/// <summary>
/// Awaits calls to many grains with a bound on how many are in flight. The enterprise grain awaits
/// every grain a structural change reaches (so that an acknowledged change has been saved by all of
/// them); an import of ten thousand projects would otherwise start ten thousand saves at once.
/// Runs on the calling grain's scheduler (no Parallel.ForEachAsync), so the calls it starts may use
/// the grain's state.
/// </summary>
internal static class Fanout
{
    public const int MaxInFlight = 64;

    public static async Task RunAsync<T>(IEnumerable<T> items, Func<T, Task> call, int maxInFlight = MaxInFlight)
    {
        var running = new List<Task>(maxInFlight);
        foreach (var item in items)
        {
            running.Add(call(item));
            if (running.Count < maxInFlight) continue;
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            await finished;
        }
        await Task.WhenAll(running);
    }
}
