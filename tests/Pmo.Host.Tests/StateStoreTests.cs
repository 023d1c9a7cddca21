using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Pmo.Grains.Hosting;
using Pmo.Host.Storage;
using Pmo.Host.Tests.Infrastructure;

namespace Pmo.Host.Tests;

/// <summary>
/// The project's grain storage (PostgresGrainStorage over pmo_grain_state, group commit through
/// StateBatchQueue) against a real PostgreSQL: what Orleans expects of any provider (read back what was
/// written, refuse a stale ETag, clear), what the ADO.NET provider got wrong (hex-looking keys), and
/// what it is for (many grains' writes in few round trips, a conflict failing only its own grain).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StateStoreTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly IActivatorProvider Activators =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    /// <summary>A database per test: re-creating one would cut the pooled connections of the test before.</summary>
    private static int _databases;

    private string _cs = "";
    private NpgsqlDataSource? _database;
    private StateBatchQueue? _queue;

    private NpgsqlDataSource Database => _database!;
    private StateBatchQueue Queue => _queue!;
    private PostgresGrainStorage Storage => new(Queue, "tests", new PmoStateSerializer(), Activators);

    public async Task InitializeAsync()
    {
        _cs = await postgres.CreateDatabaseAsync($"state_store_{Interlocked.Increment(ref _databases)}");
        await SchemaMigrator.ApplyAsync(_cs);
        _database = NpgsqlDataSource.Create(_cs);
        _queue = new StateBatchQueue(new PostgresStateBatch(_database, NullLogger<PostgresStateBatch>.Instance), StateBatching.Default);
    }

    public async Task DisposeAsync()
    {
        if (_queue is not null) await _queue.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_version_as_the_etag_and_is_stored_as_readable_json()
    {
        var written = new GrainState<Probe> { State = new Probe { Value = "first" } };
        await Storage.WriteStateAsync("probe", Grain("p-1"), written);
        Assert.Equal(("1", true), (written.ETag, written.RecordExists));
        written.State!.Value = "second";
        await Storage.WriteStateAsync("probe", Grain("p-1"), written);
        Assert.Equal("2", written.ETag);

        var read = new GrainState<Probe>();
        await Storage.ReadStateAsync("probe", Grain("p-1"), read);
        Assert.Equal(("second", "2", true), (read.State!.Value, read.ETag, read.RecordExists));
        Assert.Equal("{\"value\": \"second\"}", await Scalar(
            "SELECT convert_from(payload, 'UTF8')::jsonb::text FROM pmo_grain_state WHERE grain_type = 'store-probe' AND grain_key = 'p-1' AND state_name = 'probe'"));

        var missing = new GrainState<Probe>();
        await Storage.ReadStateAsync("probe", Grain("never-written"), missing);
        Assert.Equal((null, null, false), (missing.State!.Value, missing.ETag, missing.RecordExists));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_raises_InconsistentStateException_and_leaves_the_row()
    {
        await Storage.WriteStateAsync("probe", Grain("p-2"), new GrainState<Probe> { State = new Probe { Value = "v1" } });
        var first = new GrainState<Probe>();
        var second = new GrainState<Probe>();
        await Storage.ReadStateAsync("probe", Grain("p-2"), first);
        await Storage.ReadStateAsync("probe", Grain("p-2"), second);

        first.State!.Value = "won";
        await Storage.WriteStateAsync("probe", Grain("p-2"), first);
        second.State!.Value = "lost";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("probe", Grain("p-2"), second));
        // A second activation that never read it cannot insert over it either.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync("probe", Grain("p-2"), new GrainState<Probe> { State = new Probe { Value = "new" } }));

        Assert.Equal("2:won", await Scalar("SELECT version || ':' || (convert_from(payload, 'UTF8')::jsonb ->> 'value') FROM pmo_grain_state WHERE grain_key = 'p-2'"));
    }

    [Fact]
    public async Task A_conflict_in_one_write_of_a_batch_fails_that_write_alone()
    {
        await Storage.WriteStateAsync("probe", Grain("stale"), new GrainState<Probe> { State = new Probe { Value = "kept" } });
        var identity = (string key) => new StateIdentity("tests", "store-probe", key, "probe");
        List<StateOperation> batch =
        [
            StateOperation.Write(identity("b-1"), null, "{\"value\":\"b1\"}"u8.ToArray()),
            StateOperation.Write(identity("stale"), 7, "{\"value\":\"lost\"}"u8.ToArray()),
            StateOperation.Write(identity("b-2"), null, "{\"value\":\"b2\"}"u8.ToArray()),
            StateOperation.Read(identity("stale")),
        ];

        // One batch: one round trip, one transaction.
        await new PostgresStateBatch(Database, NullLogger<PostgresStateBatch>.Instance).ExecuteAsync(batch);

        var outcomes = await Task.WhenAll(batch.Select(o => o.Completion));
        Assert.Equal([false, true, false, false], outcomes.Select(o => o.Conflict));
        Assert.Equal([1, null, 1, 1], outcomes.Select(o => o.Version));
        Assert.Equal("b-1:b1,b-2:b2,stale:kept", await Scalar(
            "SELECT string_agg(grain_key || ':' || (convert_from(payload, 'UTF8')::jsonb ->> 'value'), ',' ORDER BY grain_key) FROM pmo_grain_state"));
    }

    [Fact]
    public async Task Clearing_keeps_a_newer_version_so_a_stale_writer_is_refused_and_a_stale_clear_too()
    {
        var state = new GrainState<Probe> { State = new Probe { Value = "x" } };
        await Storage.WriteStateAsync("probe", Grain("c-1"), state);
        var stale = new GrainState<Probe>();
        await Storage.ReadStateAsync("probe", Grain("c-1"), stale);

        await Storage.ClearStateAsync("probe", Grain("c-1"), state);
        Assert.Equal(("2", false, null), (state.ETag, state.RecordExists, state.State!.Value));
        var read = new GrainState<Probe>();
        await Storage.ReadStateAsync("probe", Grain("c-1"), read);
        Assert.Equal(("2", false, null), (read.ETag, read.RecordExists, read.State!.Value));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("probe", Grain("c-1"), stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("probe", Grain("c-1"), stale));

        read.State!.Value = "again";
        await Storage.WriteStateAsync("probe", Grain("c-1"), read);
        Assert.Equal(("3", true), (read.ETag, read.RecordExists));

        // Clearing a state never written is nothing to do.
        var fresh = new GrainState<Probe>();
        await Storage.ClearStateAsync("probe", Grain("c-never"), fresh);
        Assert.Null(fresh.ETag);
    }

    [Fact]
    public async Task Keys_are_stored_as_written_so_ids_that_read_as_one_hex_number_stay_distinct()
    {
        string[] keys = ["cafe", "CAFE", "0cafe", "1", "01"];
        foreach (var key in keys) await Storage.WriteStateAsync("probe", Grain(key), new GrainState<Probe> { State = new Probe { Value = key } });

        foreach (var key in keys)
        {
            var read = new GrainState<Probe>();
            await Storage.ReadStateAsync("probe", Grain(key), read);
            Assert.Equal(key, read.State!.Value);
        }
        Assert.Equal("01,0cafe,1,CAFE,cafe", await Scalar("SELECT string_agg(grain_key, ',' ORDER BY grain_key) FROM pmo_grain_state"));
    }

    [Fact]
    public async Task Many_concurrent_writes_and_reads_share_few_round_trips()
    {
        const int grains = 600;
        var (batchesBefore, operationsBefore) = (Queue.Batches, Queue.Operations);
        await Task.WhenAll(Enumerable.Range(0, grains).Select(i =>
            Storage.WriteStateAsync("probe", Grain($"m-{i}"), new GrainState<Probe> { State = new Probe { Value = $"{i}" } })));
        var writeBatches = Queue.Batches - batchesBefore;

        var reads = Enumerable.Range(0, grains).Select(_ => new GrainState<Probe>()).ToList();
        await Task.WhenAll(reads.Select((state, i) => Storage.ReadStateAsync("probe", Grain($"m-{i}"), state)));
        var readBatches = Queue.Batches - batchesBefore - writeBatches;

        Assert.Equal(2 * grains, Queue.Operations - operationsBefore);
        Assert.True(writeBatches <= grains / 8, $"{grains} writes took {writeBatches} batches");
        Assert.True(readBatches <= grains / 8, $"{grains} reads took {readBatches} batches");
        Assert.Equal(Enumerable.Range(0, grains).Select(i => $"{i}"), reads.Select(r => r.State!.Value));
        Assert.Equal($"{grains}", await Scalar("SELECT count(*)::text FROM pmo_grain_state WHERE grain_key LIKE 'm-%'"));
    }

    private static GrainId Grain(string key) => GrainId.Create("store-probe", key);

    private async Task<string?> Scalar(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return (string?)await command.ExecuteScalarAsync();
    }

    public sealed class Probe
    {
        public string? Value { get; set; }
    }
}
