namespace Pmo.Host.Audit;

/// <summary>One command request as it reached the service, accepted or refused (CONTRACT.md "Audit").</summary>
public sealed record AuditEntry
{
    /// <summary>Position in the audit; given when the entry is written.</summary>
    public long Seq { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>Null when the caller was not authenticated.</summary>
    public string? Sub { get; init; }
    public string[] Roles { get; init; } = [];
    /// <summary>The command: slip, import, moveProject, ...</summary>
    public required string Action { get; init; }
    /// <summary>What the path names: project:{id}, task:{projectId}/{taskId}, portfolio:{id}, resource:{id}, crosslinks, import.</summary>
    public required string Target { get; init; }
    public int Status { get; init; }
    public string? ChangeId { get; init; }
}

public sealed record AuditPage(AuditEntry[] Items, long LastSeq);

/// <summary>Where the audit is kept: memory in the embedded mode, an append-only PostgreSQL table in production.</summary>
public interface IAuditStore
{
    /// <summary>Appends in order, giving each entry its seq; returns once they are stored.</summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    Task<AuditPage> ReadAsync(long after, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// The embedded mode's audit: the newest <see cref="Capacity"/> entries in memory, so that a long load run
/// cannot grow it without bound. Seqs keep counting; a reader asking from before the oldest kept entry
/// gets the oldest kept onwards.
/// </summary>
public sealed class MemoryAuditStore : IAuditStore
{
    public const int Capacity = 100_000;

    private readonly List<AuditEntry> _entries = [];
    private readonly Lock _gate = new();
    private long _dropped;

    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var entry in entries) _entries.Add(entry with { Seq = _dropped + _entries.Count + 1 });
            if (_entries.Count > Capacity)
            {
                var excess = _entries.Count - Capacity / 2;
                _entries.RemoveRange(0, excess);
                _dropped += excess;
            }
        }
        return Task.CompletedTask;
    }

    public Task<AuditPage> ReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var from = (int)Math.Clamp(after - _dropped, 0, _entries.Count);
            return Task.FromResult(new AuditPage([.. _entries.Skip(from).Take(limit)], _dropped + _entries.Count));
        }
    }
}
