namespace Pmo.Load.Measurement;

/// <summary>
/// Issues work at a target rate with bounded concurrency: an open-loop token bucket. Slot i is due
/// at start + i/rate; a slot waits for a free concurrency permit, so a slow service makes the
/// harness fall behind schedule (visible as a lower accepted rate) instead of piling up requests.
/// A rate of 0 or less means as fast as the permits allow (closed loop).
/// </summary>
public static class RateDriver
{
    /// <param name="issue">Sends one command; returns false when there is nothing left to send.</param>
    public static async Task RunAsync(double rate, int concurrency, TimeSpan duration, Func<CancellationToken, Task<bool>> issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        using var permits = new SemaphoreSlim(Math.Max(1, concurrency));
        var running = new List<Task>();
        var start = Pmo.Load.Service.RunClock.Now;
        var end = start + duration;
        var exhausted = false;
        for (long slot = 0; !exhausted && !cancellationToken.IsCancellationRequested; slot++)
        {
            if (rate > 0)
            {
                var due = start + TimeSpan.FromSeconds(slot / rate);
                if (due >= end) break;
                var wait = due - Pmo.Load.Service.RunClock.Now;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    try { await Task.Delay(wait, cancellationToken).ConfigureAwait(false); }
                    catch (OperationCanceledException) { break; }
                }
            }
            else if (Pmo.Load.Service.RunClock.Now >= end) break;

            try { await permits.WaitAsync(cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            if (Pmo.Load.Service.RunClock.Now >= end)
            {
                permits.Release();
                break;
            }

            var task = Task.Run(async () =>
            {
                try
                {
                    if (!await issue(cancellationToken).ConfigureAwait(false)) exhausted = true;
                }
                finally
                {
                    permits.Release();
                }
            }, CancellationToken.None);
            running.Add(task);
            if (running.Count > 4096) running.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
