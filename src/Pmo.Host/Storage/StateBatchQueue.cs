using System.Diagnostics;
using System.Threading.Channels;
using Pmo.Grains.Hosting;

namespace Pmo.Host.Storage;

/// <summary>Runs one batch of state operations in one round trip and completes each of them; never throws.</summary>
internal interface IStateBatchExecutor
{
    Task ExecuteAsync(IReadOnlyList<StateOperation> batch);
}

/// <summary>How a silo groups its grain-state operations (see <see cref="StateBatchQueue"/>); configuration section <c>Pmo:Storage</c>.</summary>
public sealed record StateBatching
{
    public const string Section = "Pmo:Storage";

    /// <summary>Operations one round trip carries at most.</summary>
    public int MaxBatch { get; init; } = 64;

    /// <summary>
    /// Writer loops for what a caller waits on (reads and commands' own writes), each a connection while
    /// it sends. More than one, because a batch's round trip includes the commit's flush to disk: while
    /// one batch waits for it, the next one is already on its way. Idle loops cost nothing.
    /// </summary>
    public int CommandLoops { get; init; } = 4;

    /// <summary>Writer loops for write-behind flushes of derived state.</summary>
    public int DerivedLoops { get; init; } = 3;

    /// <summary>Operations waiting in the command lane before callers wait for room.</summary>
    public int CommandCapacity { get; init; } = 4096;

    /// <summary>Operations waiting in the derived lane before flushes wait for room.</summary>
    public int DerivedCapacity { get; init; } = 4096;

    /// <summary>Seven connections at most (of the pool's 25), up to 64 operations per round trip.</summary>
    public static StateBatching Default { get; } = new();

    /// <summary>
    /// What is wrong with these settings, each naming its key; empty when they are usable. Every one must
    /// be at least 1: a lane with no loop would never write, so every grain waiting on it would hang.
    /// </summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. AtLeastOne(nameof(MaxBatch), MaxBatch),
        .. AtLeastOne(nameof(CommandLoops), CommandLoops),
        .. AtLeastOne(nameof(DerivedLoops), DerivedLoops),
        .. AtLeastOne(nameof(CommandCapacity), CommandCapacity),
        .. AtLeastOne(nameof(DerivedCapacity), DerivedCapacity),
    ];

    /// <summary>
    /// Reads section <see cref="Section"/>: the settings, or the problem that stops the host (a value that
    /// is not a number, or one out of range), naming the key.
    /// </summary>
    public static (StateBatching? Batching, string? Problem) From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        StateBatching batching;
        try
        {
            batching = configuration.GetSection(Section).Get<StateBatching>() ?? Default;
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the type ("Failed to convert configuration value at 'Pmo:Storage:CommandLoops' …").
            return (null, e.Message);
        }
        return batching.Problems() is [_, ..] problems ? (null, string.Join(" ", problems)) : (batching, null);
    }

    private static IEnumerable<string> AtLeastOne(string key, int value) =>
        value >= 1 ? [] : [$"{Section}:{key} must be at least 1 (was {value})."];
}

/// <summary>
/// Group commit for grain state. Operations wait in a bounded queue; a few writer loops each take
/// whatever is waiting (up to <see cref="StateBatching.MaxBatch"/>) and send it as one batch, so under
/// load many grains share one round trip and one commit, and with nothing else waiting an operation
/// goes alone at once (no timer, no added delay). Two lanes keep the old semaphores' intent: reads and
/// a command's own writes (what a client or an activation is waiting for) have loops of their own,
/// and a burst of write-behind flushes (<see cref="Pmo.Grains.Propagation.StateWriteLane"/>) queues
/// only behind other flushes. A full queue makes callers wait for room (back-pressure) instead of
/// growing without bound.
/// </summary>
internal sealed class StateBatchQueue : IAsyncDisposable
{
    private readonly IStateBatchExecutor _executor;
    private readonly int _maxBatch;
    private readonly Channel<StateOperation> _commands;
    private readonly Channel<StateOperation> _derived;
    private readonly Task[] _loops;
    private long _batches;
    private long _operations;

    public StateBatchQueue(IStateBatchExecutor executor, StateBatching batching)
    {
        _executor = executor;
        _maxBatch = batching.MaxBatch;
        _commands = Lane(batching.CommandCapacity);
        _derived = Lane(batching.DerivedCapacity);
        _loops =
        [
            .. Enumerable.Range(0, batching.CommandLoops).Select(_ => Task.Run(() => DrainAsync(_commands.Reader, LaneTag(derived: false)))),
            .. Enumerable.Range(0, batching.DerivedLoops).Select(_ => Task.Run(() => DrainAsync(_derived.Reader, LaneTag(derived: true)))),
        ];
    }

    /// <summary>Batches sent so far (each one round trip and at most one commit), counted as they are sent.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Operations those batches carried.</summary>
    public long Operations => Interlocked.Read(ref _operations);

    /// <summary>Operations waiting in the lanes for a writer loop.</summary>
    public int Queued => _commands.Reader.Count + _derived.Reader.Count;

    /// <summary>Queues an operation (waiting for room when its lane is full) and returns what it found.</summary>
    public async Task<StateOutcome> RunAsync(StateOperation operation, bool derived)
    {
        var queued = Stopwatch.GetTimestamp();
        try
        {
            await (derived ? _derived : _commands).Writer.WriteAsync(operation);
            return await operation.Completion;
        }
        finally
        {
            PmoMetrics.StorageLatency.Record(Stopwatch.GetElapsedTime(queued).TotalMilliseconds, LaneTag(derived));
        }
    }

    /// <summary>Metrics say which lane: a slow derived lane is expected under load, a slow command lane is not.</summary>
    private static KeyValuePair<string, object?> LaneTag(bool derived) => new("lane", derived ? "derived" : "command");

    private static Channel<StateOperation> Lane(int capacity) =>
        Channel.CreateBounded<StateOperation>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });

    private async Task DrainAsync(ChannelReader<StateOperation> lane, KeyValuePair<string, object?> tag)
    {
        var batch = new List<StateOperation>(_maxBatch);
        while (await lane.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && lane.TryRead(out var operation)) batch.Add(operation);
            // Several loops wake for one operation; those that find nothing wait again.
            if (batch.Count == 0) continue;
            // Counted as the batch is sent, before any of its callers hears back, so that a caller
            // who reads the counts after its write has returned finds that write counted.
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _operations, batch.Count);
            PmoMetrics.StorageBatches.Add(1, tag);
            PmoMetrics.StorageBatchSize.Record(batch.Count, tag);
            try
            {
                await _executor.ExecuteAsync(batch);
            }
            catch (Exception e)
            {
                // The executor completes every operation itself; should it ever throw, its callers still
                // hear of it, and this loop lives on: a dead loop would stall its lane for good.
                foreach (var operation in batch) operation.Fail(e);
            }
            batch.Clear();
        }
    }

    /// <summary>Lets what is queued finish (grains flush on deactivation before the container is disposed), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _commands.Writer.TryComplete();
        _derived.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }
}
