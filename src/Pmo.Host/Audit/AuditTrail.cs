using System.Threading.Channels;
using Pmo.Host.Access;

namespace Pmo.Host.Audit;

/// <summary>
/// Writes audit entries in batches (group commit): whatever arrives while one batch is being stored goes
/// out as the next, in one round trip, so a busy command path costs the store one write per batch rather
/// than one per command.
/// The guarantee: <see cref="RecordAsync"/> completes once the entry is stored, and the audit middleware
/// awaits it before the answer's first byte, so a command whose answer a caller has received is in the
/// audit. When the store fails, entries stay queued and are retried (the failure is logged); a caller
/// waits at most <see cref="AnswerDeadline"/> and then gets its answer while the entry is still retried,
/// so a store outage slows the service down rather than stopping it, and loses entries only if the
/// process also dies before the store comes back — never silently.
/// </summary>
public sealed class AuditTrail(IAuditStore store, ILogger<AuditTrail> logger) : BackgroundService
{
    public static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(2);
    private const int MaxBatch = 1000;

    private readonly Channel<(AuditEntry Entry, TaskCompletionSource Stored)> _queue =
        Channel.CreateUnbounded<(AuditEntry, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    public IAuditStore Store => store;

    public async Task RecordAsync(AuditEntry entry)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((entry, stored));
        try
        {
            await stored.Task.WaitAsync(AnswerDeadline);
        }
        catch (TimeoutException)
        {
            // Still queued and retried; the caller gets its answer.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(AuditEntry Entry, TaskCompletionSource Stored)>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item)) batch.Add(item);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await store.AppendAsync([.. batch.Select(b => b.Entry)], CancellationToken.None);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    AccessLog.AuditWriteFailed(logger, e, batch.Count);
                    if (stoppingToken.IsCancellationRequested && attempt > 3) throw;
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 << Math.Min(attempt, 6))), CancellationToken.None);
                }
            }
            foreach (var (_, stored) in batch) stored.TrySetResult();
            batch.Clear();
            if (stoppingToken.IsCancellationRequested && !reader.TryPeek(out _)) return;
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
