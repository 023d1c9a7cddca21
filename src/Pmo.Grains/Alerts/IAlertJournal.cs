namespace Pmo.Grains.Alerts;

/// <summary>
/// Where the alert log keeps its entries. The log is append-only and grows without bound, so it is
/// not grain state (which is rewritten whole on every save): each append writes only the new entries.
/// </summary>
public interface IAlertJournal
{
    Task AppendAsync(IReadOnlyList<AlertEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Every entry, in seq order.</summary>
    Task<IReadOnlyList<AlertEntry>> ReadAllAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The embedded default: entries live in the silo's memory, outside the grain, so that the log
/// survives the alert log grain being deactivated (though not the process).
/// </summary>
public sealed class InMemoryAlertJournal : IAlertJournal
{
    private readonly List<AlertEntry> _entries = [];

    public Task AppendAsync(IReadOnlyList<AlertEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_entries) _entries.AddRange(entries);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AlertEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_entries) return Task.FromResult<IReadOnlyList<AlertEntry>>([.. _entries]);
    }
}
