namespace Pmo.Grains.Enterprise;

/// <summary>
/// Group commit for the enterprise's structure. Structural commands interleave, and the journal entries
/// that arrive while a write is on its way wait together and go in the next one, so a reorganisation of
/// eight concurrent moves costs one commit, not eight in turn. Every write of the catalog or the journal
/// goes through here, one at a time, each carrying the version the one before returned.
/// </summary>
/// <remarks>
/// Not thread-safe: the enterprise grain calls it in its turns and the continuations of its writes run
/// on the grain too. A command applies its change to the catalog and appends its entry in one turn, so
/// the catalog always holds exactly the entries up to <see cref="LastSeq"/>; a whole write taken at any
/// moment therefore covers every entry queued so far (both providers serialise the state when the write
/// is called). A failed write fails its entries and every entry queued behind it, whose changes the
/// catalog in memory already holds: from then on <see cref="Broken"/> is set, and the grain goes and reads
/// back what storage really has.
/// </remarks>
internal sealed class StructureWrites(
    IPersistentState<EnterpriseState> catalog,
    IPersistentState<StructureJournal> journal,
    int compactAfter,
    Action broken)
{
    private List<StructureEntry> _queued = [];
    private bool _wholeAsked;
    private TaskCompletionSource? _queuedStored;
    private bool _writing;

    /// <summary>The seq of the last entry appended (stored or not); the catalog in memory holds it.</summary>
    public long LastSeq { get; set; }

    /// <summary>Writes made so far (each carries every entry that was waiting).</summary>
    public int Writes { get; private set; }

    /// <summary>A write failed: the catalog in memory holds changes storage does not.</summary>
    public bool Broken { get; private set; }

    /// <summary>Gives <paramref name="entry"/> the next seq; completes once it is stored.</summary>
    public Task Append(StructureEntry entry)
    {
        _queued.Add(entry with { Seq = ++LastSeq });
        return Queued();
    }

    /// <summary>Writes the catalog whole (with every entry appended so far) and empties the journal.</summary>
    public Task WriteWhole()
    {
        _wholeAsked = true;
        return Queued();
    }

    private Task Queued()
    {
        // Nothing more is written after a failure: the next activation reads back what storage has.
        if (Broken) return Task.FromException(new Orleans.Storage.InconsistentStateException("The enterprise structure is being read back from storage after a failed write; send the command again."));
        _queuedStored ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stored = _queuedStored.Task;
        if (!_writing) _ = WriteQueuedAsync();
        return stored;
    }

    private async Task WriteQueuedAsync()
    {
        _writing = true;
        while (_queued.Count > 0 || _wholeAsked)
        {
            var (batch, whole, stored) = (_queued, _wholeAsked, _queuedStored!);
            (_queued, _wholeAsked, _queuedStored) = ([], false, null);
            try
            {
                Writes++;
                if (whole || journal.State.Entries.Count + batch.Count >= compactAfter) await WriteCatalogWhole();
                else
                {
                    journal.State.Entries.AddRange(batch);
                    await journal.WriteStateAsync();
                }
                stored.SetResult();
            }
            catch (Exception e)
            {
                Broken = true;
                stored.SetException(e);
                _queuedStored?.SetException(e);
                (_queued, _wholeAsked, _queuedStored) = ([], false, null);
                broken();
            }
        }
        _writing = false;
    }

    /// <summary>
    /// The catalog whole, then an empty journal. A crash between the two leaves entries the catalog
    /// already holds; <see cref="EnterpriseState.JournalThrough"/> tells replay to skip them.
    /// </summary>
    private async Task WriteCatalogWhole()
    {
        catalog.State.JournalThrough = LastSeq;
        await catalog.WriteStateAsync();
        if (journal.State.Entries.Count == 0) return;
        journal.State.Entries.Clear();
        await journal.WriteStateAsync();
    }
}
