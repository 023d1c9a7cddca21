using Orleans.Storage;

namespace Pmo.Grains.Enterprise;

/// <summary>
/// Lets structural commands run side by side, and an import or a resync run alone. Commands interleave
/// so that their journal entries share commits (<see cref="StructureWrites"/>) and their grain calls run
/// in parallel; an import replaces much of the catalog and hands out definitions, which must not cross a
/// move still telling its project where it now sits, so it closes the gate, waits for the commands inside
/// to finish, and opens it when its last definition is out.
/// </summary>
/// <remarks>Not thread-safe: used in the enterprise grain's turns only.</remarks>
internal sealed class StructureGate(Func<bool> broken)
{
    private int _inside;
    private int _holds;
    private TaskCompletionSource? _emptied;
    private TaskCompletionSource? _closed;

    /// <summary>Waits while the gate is closed; the caller must <see cref="Leave"/> when done.</summary>
    public async Task EnterAsync()
    {
        while (_closed is { } closed) await closed.Task;
        // A write failed (or an import's definitions did not all go out) and the grain is on its way
        // out: a command now would be checked against a catalog that claims more than the grains and
        // storage hold. Refused as transient (503): sent again, it reaches the next activation.
        if (broken()) throw new InconsistentStateException("The enterprise structure is being read back from storage; send the command again.");
        _inside++;
    }

    public void Leave()
    {
        if (--_inside == 0) _emptied?.TrySetResult();
    }

    /// <summary>
    /// Closes the gate and waits until no command is inside. Each close is one hold, released by one
    /// <see cref="Open"/>; the gate opens when the last hold is released (a resync that runs between an
    /// import and its definitions must not open it under them).
    /// </summary>
    public async Task CloseAsync()
    {
        _holds++;
        _closed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_inside == 0) return;
        _emptied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _emptied.Task;
        _emptied = null;
    }

    public void Open()
    {
        if (--_holds > 0) return;
        var closed = _closed;
        _closed = null;
        closed?.TrySetResult();
    }
}
