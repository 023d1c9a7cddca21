namespace Pmo.Load.Scenarios;

/// <summary>
/// The enterprise as the scenarios believe it stands, shared by scenarios that run at once.
/// Every pick happens under one lock. A project being cancelled is closed first: no new command
/// picks it, and the DELETE waits until the commands already in flight to it have been answered,
/// so no command of the harness meets a project it cancelled itself (which would be a 404).
/// </summary>
public sealed class LiveModel
{
    private readonly object _gate = new();
    private readonly EnterpriseState _state;
    private readonly Random _random;
    private readonly List<string> _open;
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closed = new(StringComparer.Ordinal);

    public LiveModel(EnterpriseState state, int seed)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _random = new Random(seed);
        _open = [.. state.Projects.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Runs <paramref name="read"/> under the model's lock with its random source.</summary>
    public T Locked<T>(Func<EnterpriseState, Random, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate) return read(_state, _random);
    }

    public void Apply(IPmoCommand change)
    {
        lock (_gate) _state.Apply(change);
    }

    /// <summary>Takes a refused change back out (see <see cref="EnterpriseState.Revert"/>).</summary>
    public void Revert(IPmoCommand applied, IPmoCommand inverse)
    {
        lock (_gate) _state.Revert(applied, inverse);
    }

    public int OpenProjects
    {
        get { lock (_gate) return _open.Count; }
    }

    /// <summary>A random open project, entered (the caller must <see cref="Exit"/> it); null when none is open.</summary>
    /// <remarks>Caller holds the lock (call from inside <see cref="Locked{T}"/>).</remarks>
    public ProjectState? EnterRandomProject(EnterpriseState state, Random random)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(random);
        if (_open.Count == 0) return null;
        var id = _open[random.Next(_open.Count)];
        return EnterLocked(state, id);
    }

    /// <summary>Enters a named project if it is open. Caller holds the lock.</summary>
    public ProjectState? EnterLocked(EnterpriseState state, string projectId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_closed.Contains(projectId) || !state.Projects.TryGetValue(projectId, out var project)) return null;
        _inFlight[projectId] = _inFlight.GetValueOrDefault(projectId) + 1;
        return project;
    }

    public void Exit(string projectId)
    {
        lock (_gate)
        {
            var count = _inFlight.GetValueOrDefault(projectId) - 1;
            if (count <= 0) _inFlight.Remove(projectId);
            else _inFlight[projectId] = count;
        }
    }

    /// <summary>Stops new commands to the project and waits for those in flight; false if it was closed already.</summary>
    public async Task<bool> CloseAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_closed.Add(projectId)) return false;
            _open.Remove(projectId);
        }
        while (true)
        {
            lock (_gate)
            {
                if (!_inFlight.ContainsKey(projectId)) return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(2), cancellationToken).ConfigureAwait(false);
        }
    }
}
