using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Pmo.Grains.Hosting;
using Pmo.Host.Storage;
using GenericHost = Microsoft.Extensions.Hosting.Host;

namespace Pmo.Host.Tests;

/// <summary>
/// The PostgreSQL schema the project owns (src/Pmo.Host/Storage/Sql), applied by SchemaMigrator and
/// --init-db: what it creates, that re-applying and migrating are safe, that a bad connection string
/// fails fast in plain words, and — with real Orleans silos on it — that the SQL stored under each
/// query key does what the ADO.NET providers expect of it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class SchemaTests(PostgresServer postgres)
{
    /// <summary>The query keys each Orleans ADO.NET provider reads from orleansquery.</summary>
    private static readonly string[] ClusteringKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
        "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
    ];

    private static readonly string[] PersistenceKeys = ["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    /// <summary>The one key a 10.x provider uses when present and does without otherwise.</summary>
    private const string OptionalKey = "CleanupDefunctSiloEntryKey";

    private static readonly string[] AllKeys = [.. ClusteringKeys.Concat(PersistenceKeys).Concat(ReminderKeys).Order(StringComparer.Ordinal)];

    private static readonly TimeSpan SiloTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The probe grains' storage: the name Pmo's grains use, configured as production does.</summary>
    internal const string ProbeStorage = "pmo";

    /// <summary>The same provider with DeleteStateOnClear, the one way DeleteStorageKey runs.</summary>
    internal const string DeletingStorage = "pmo-delete";

    [Fact]
    public void Schema_steps_are_numbered_one_by_one_from_1()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.Steps.Count), SchemaMigrator.Steps.Select(s => s.Version));
        Assert.Equal(SchemaMigrator.Steps[^1].Version, SchemaMigrator.LatestVersion);
    }

    [Fact]
    public async Task Grain_state_payloads_are_compressed_with_lz4()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_lz4");
        await SchemaMigrator.ApplyAsync(cs);

        Assert.Equal(["l"], await Strings(cs, "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'pmo_grain_state'::regclass AND attname = 'payload'"));
        // A payload past the 2 KB at which PostgreSQL compresses: a project's state is about 10 KB of JSON.
        await Execute(cs, "INSERT INTO pmo_grain_state (service_id, grain_type, grain_key, state_name, version, payload) " +
            "VALUES ('s', 'pmo-project', 'p1', 'project', 1, convert_to(repeat('{\"duration\":3,\"percentComplete\":50},', 400), 'UTF8'))");
        Assert.Equal(["lz4"], await Strings(cs, "SELECT pg_column_compression(payload) FROM pmo_grain_state"));
    }

    [Fact]
    public async Task Applying_the_schema_creates_every_table_and_query_the_providers_need()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_fresh");
        Assert.Equal(SchemaMigrator.Steps.Count, await SchemaMigrator.ApplyAsync(cs));

        Assert.Equal(AllKeys, await Strings(cs, "SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\""));
        var tables = (await Strings(cs, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "orleansquery", "orleansmembershiptable", "orleansmembershipversiontable", "orleansstorage", "orleansreminderstable",
            "pmo_alert_log", "pmo_schema_version",
        }, tables);
        Assert.Equal(SchemaMigrator.Steps.Select(s => $"{s.Version}:{s.Name}"),
            await Strings(cs, "SELECT version || ':' || name FROM pmo_schema_version ORDER BY version"));
    }

    /// <summary>
    /// The documented key list above against what the 10.x provider assemblies themselves demand at
    /// start-up: an Orleans upgrade that needs a new query fails here, not in a silo's first seconds.
    /// </summary>
    [Fact]
    public void The_documented_keys_are_exactly_what_the_provider_assemblies_demand()
    {
        var demanded = RequiredKeys("Orleans.Clustering.AdoNet")
            .Concat(RequiredKeys("Orleans.Reminders.AdoNet"))
            // The grain storage names its keys in the query it loads them with.
            .Concat(QuotedWords().Matches(AdoNetGrainStorage.DefaultInitializationQuery).Select(m => m.Groups[1].Value))
            .Order(StringComparer.Ordinal);

        Assert.Equal(AllKeys.Where(k => k != OptionalKey), demanded);
        // ...and the optional one is still something the clustering provider looks for.
        Assert.NotNull(StoredQueries("Orleans.Clustering.AdoNet").GetMethod("GetCleanupDefunctSiloEntryQuery", BindingFlags.Instance | BindingFlags.NonPublic));

        // DbStoredQueries refuses to start unless every one of its instance properties has a row.
        static IEnumerable<string> RequiredKeys(string assembly) =>
            StoredQueries(assembly).GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name);

        static Type StoredQueries(string assembly) => Assembly.Load(assembly).GetType($"{assembly}.Storage.DbStoredQueries", throwOnError: true)!;
    }

    [Fact]
    public async Task Applying_the_schema_twice_is_harmless()
    {
        var cs = await MigratedDatabaseAsync("schema_twice");
        var before = await Dump(cs, withTimes: true);

        Assert.Equal(0, await SchemaMigrator.ApplyAsync(cs));
        Assert.Equal(before, await Dump(cs, withTimes: true));

        // Every step is harmless even outside the migrator's bookkeeping: run them all again by hand.
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync();
            foreach (var (_, _, sql) in SchemaMigrator.Steps)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        Assert.Equal(before, await Dump(cs, withTimes: true));
    }

    [Fact]
    public async Task A_database_at_any_older_version_is_migrated_to_what_a_fresh_one_gets()
    {
        var fresh = await MigratedDatabaseAsync("schema_reference");
        var expected = await Dump(fresh, withTimes: false);

        for (var version = 1; version < SchemaMigrator.LatestVersion; version++)
        {
            var cs = await postgres.CreateDatabaseAsync($"schema_from_v{version}");
            Assert.Equal(version, await SchemaMigrator.ApplyAsync(cs, upToVersion: version));
            Assert.Equal(SchemaMigrator.LatestVersion - version, await SchemaMigrator.ApplyAsync(cs));
            Assert.Equal(expected, await Dump(cs, withTimes: false));
        }
    }

    [Fact]
    public async Task A_database_from_before_reminders_gains_them_and_keeps_its_data()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_v4");
        Assert.Equal(4, await SchemaMigrator.ApplyAsync(cs, upToVersion: 4));
        await Execute(cs, "INSERT INTO pmo_alert_log (seq, entry) VALUES (1, '{\"seq\":1}')");
        Assert.DoesNotContain("UpsertReminderRowKey", await Strings(cs, "SELECT querykey FROM orleansquery"));

        Assert.Equal(SchemaMigrator.LatestVersion - 4, await SchemaMigrator.ApplyAsync(cs));

        Assert.Equal(AllKeys, await Strings(cs, "SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\""));
        Assert.Equal(["1"], await Strings(cs, "SELECT seq::text FROM pmo_alert_log"));
    }

    /// <summary>
    /// Step 7 moves grain state to the project's own table: what the ADO.NET provider wrote (under Pmo's
    /// "pmo:" key prefix, named by state name only) is there afterwards under its grain type and key.
    /// </summary>
    [Fact]
    public async Task A_database_from_before_the_own_state_table_keeps_its_grain_state()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_v6");
        Assert.Equal(6, await SchemaMigrator.ApplyAsync(cs, upToVersion: 6));
        await Execute(cs,
            "INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version) VALUES " +
            "(1, 0, 0, 2, 'project', 'pmo:p-001', 'pmo', convert_to('{\"id\":\"p-001\"}', 'UTF8'), now(), 3), " +
            "(3, 0, 0, 4, 'enterprise-journal', 'pmo:enterprise', 'pmo', NULL, now(), 5), " +
            "(5, 0, 0, 6, 'probe', 'unprefixed', 'pmo', NULL, now(), 1)");

        await SchemaMigrator.ApplyAsync(cs);

        Assert.Equal(["pmo/pmo-enterprise/enterprise/enterprise-journal:5:<null>", "pmo/pmo-project/p-001/project:3:{\"id\":\"p-001\"}"], await Strings(cs,
            "SELECT service_id || '/' || grain_type || '/' || grain_key || '/' || state_name || ':' || version || ':' || coalesce(convert_from(payload, 'UTF8'), '<null>') " +
            "FROM pmo_grain_state ORDER BY grain_type"));
    }

    [Fact]
    public async Task Silos_migrating_at_the_same_moment_apply_each_step_once()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_race");
        var applied = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(cs))));

        Assert.Equal(SchemaMigrator.Steps.Count, applied.Sum());
        Assert.Equal(SchemaMigrator.Steps.Select(s => s.Version.ToString(CultureInfo.InvariantCulture)),
            await Strings(cs, "SELECT version::text FROM pmo_schema_version ORDER BY version"));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Database=x;Username=y", "Cannot connect to PostgreSQL at 127.0.0.1:1, database 'x', user 'y'")]
    [InlineData("this is not; a connection=string=at all", "The PostgreSQL connection string is not valid")]
    [InlineData("Host=127.0.0.1;Port=not-a-number;Database=x", "The PostgreSQL connection string is not valid")]
    [InlineData("Database=x;Username=y", "it names no Host")]
    [InlineData("   ", "No PostgreSQL connection string was given")]
    public async Task A_bad_connection_string_fails_fast_with_a_plain_message(string connectionString, string expected)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => SchemaMigrator.ApplyAsync(connectionString));
        Assert.Contains(expected, error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_within_the_default_timeout()
    {
        // 192.0.2.0/24 is reserved for documentation: nothing answers there, so only the timeout ends the wait.
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => SchemaMigrator.ApplyAsync("Host=192.0.2.1;Database=x;Username=y"));
        Assert.StartsWith("Cannot connect to PostgreSQL at 192.0.2.1:5432", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(SchemaMigrator.DefaultConnectTimeoutSeconds + 5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_missing_database_is_named_in_the_message()
    {
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => SchemaMigrator.ApplyAsync(postgres.ConnectionStringFor("no_such_db")));
        Assert.Contains("database \"no_such_db\" does not exist", error.Message);
    }

    [Fact]
    public async Task The_host_init_db_flag_applies_the_schema_and_exits_and_a_bad_database_exits_non_zero()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_flag");
        var (code, output) = await RunHost("--postgres", cs, "--init-db");
        Assert.True(code == 0, output);
        Assert.Contains($"Applied {SchemaMigrator.Steps.Count} schema step(s).", output);
        Assert.Equal(AllKeys.Length, (await Strings(cs, "SELECT querykey FROM orleansquery")).Length);

        var (again, upToDate) = await RunHost("--postgres", cs, "--init-db");
        Assert.True(again == 0, upToDate);
        Assert.Contains("The schema is up to date.", upToDate);

        var (bad, message) = await RunHost("--postgres", "Host=127.0.0.1;Port=1;Database=x;Username=y", "--init-db");
        Assert.Equal(1, bad);
        Assert.Contains("PostgreSQL is not usable", message);
    }

    /// <summary>
    /// Real silos on the schema, through an external client (so the gateway query runs too): state is
    /// written, read, cleared and conflicts are refused; a second silo after the first stopped reads it
    /// all back; membership rows record both silos; the clustering table's own calls do what it expects.
    /// </summary>
    [Fact]
    public async Task Orleans_providers_store_state_and_membership_through_the_schema_across_a_silo_restart()
    {
        var cs = await MigratedDatabaseAsync("schema_silo");
        const string cluster = "schema-silo";
        var compoundKey = Guid.Parse("6f1c2b4e-9a57-4d0e-8c1b-2f3a4d5e6f70");

        // First silo: write, overwrite, clear, write again; a compound-key grain; a reminder.
        int firstPort;
        await using (var first = await StartSiloAsync(cs, cluster))
        {
            firstPort = first.SiloPort;
            await using var client = await StartClientAsync(cs, cluster);
            var g1 = client.Grains.GetGrain<IStringProbeGrain>("g1");
            await g1.Write("first");
            await g1.Write("second");
            Assert.Equal("second", await g1.ReadStored());
            await g1.Clear();
            Assert.Null(await g1.ReadStored());
            await g1.Write("third");
            await client.Grains.GetGrain<IStringProbeGrain>("g2").Write("kept");
            await client.Grains.GetGrain<ICompoundProbeGrain>(compoundKey, "ext").Write("compound");
            await g1.RemindHourly();
            Assert.Equal("4", await g1.ETag()); // insert 1, update 2, clear 3, write 4
        }

        // What the rows hold: the provider's key columns and hashes, and Pmo's JSON payload.
        var rows = await Rows(cs,
            "SELECT grainidextensionstring, grainidn0, grainidn1, grainidhash, graintypehash, graintypestring, version, convert_from(payloadbinary, 'UTF8') " +
            "FROM orleansstorage ORDER BY grainidextensionstring");
        Assert.Equal(["ext", "g1", "g2"], rows.Select(r => (string)r[0]));
        var g1Row = rows[1];
        Assert.Equal((0L, 0L, 4), ((long)g1Row[1], (long)g1Row[2], (int)g1Row[6]));
        Assert.Equal(IdHash(Encoding.UTF8.GetBytes("g1")), (int)g1Row[3]);
        Assert.Equal((int)StableHash.ComputeHash(Encoding.UTF8.GetBytes("probe")), (int)g1Row[4]);
        Assert.Equal("probe", (string)g1Row[5]); // the state name, not the grain class
        Assert.Contains("\"third\"", (string)g1Row[7]);
        var guidBytes = compoundKey.ToByteArray();
        Assert.Equal((BitConverter.ToInt64(guidBytes, 0), BitConverter.ToInt64(guidBytes, 8)), ((long)rows[0][1], (long)rows[0][2]));
        Assert.Equal(IdHash([.. guidBytes, .. Encoding.UTF8.GetBytes("ext")]), (int)rows[0][3]);
        Assert.Equal(["schema-probe/g1:later"], await Strings(cs, "SELECT grainid || ':' || remindername FROM orleansreminderstable"));

        // A stopped silo stays in the table, declared dead.
        Assert.Equal([$"{firstPort}:6"], await Strings(cs, "SELECT port || ':' || status FROM orleansmembershiptable"));

        // Second silo: everything reads back; a write over a version changed behind its back is refused.
        IMembershipTable table;
        int secondPort;
        await using (var second = await StartSiloAsync(cs, cluster))
        {
            secondPort = second.SiloPort;
            await using var client = await StartClientAsync(cs, cluster);
            var g1 = client.Grains.GetGrain<IStringProbeGrain>("g1");
            Assert.Equal("third", await g1.ReadStored());
            Assert.Equal("kept", await client.Grains.GetGrain<IStringProbeGrain>("g2").ReadStored());
            Assert.Equal("compound", await client.Grains.GetGrain<ICompoundProbeGrain>(compoundKey, "ext").ReadStored());

            await Execute(cs, "UPDATE orleansstorage SET version = version + 1 WHERE grainidextensionstring = 'g1'");
            var conflict = await Assert.ThrowsAnyAsync<Exception>(() => g1.Write("lost"));
            Assert.True(Causes(conflict).Any(e => e is InconsistentStateException), conflict.ToString());
            Assert.Equal("third", await g1.ReadStored());
            await g1.Write("fourth");
            Assert.Equal("6", await g1.ETag());

            var g2 = client.Grains.GetGrain<IStringProbeGrain>("g2");
            await g2.Clear();
            Assert.Null(await g2.ReadStored());
            Assert.Equal(["g2:true"], await Strings(cs, "SELECT grainidextensionstring || ':' || (payloadbinary IS NULL) FROM orleansstorage WHERE grainidextensionstring = 'g2'"));

            table = await MembershipCallsAsync(second, firstPort, cs);
        }

        // The first silo's row was cleaned up; the second one's says it stopped.
        Assert.Equal([$"{secondPort}:6"], await Strings(cs, "SELECT port || ':' || status FROM orleansmembershiptable"));
        // The whole cluster's rows go, version row included (the provider's reset).
        await table.DeleteMembershipTableEntriesAsync(cluster);
        Assert.Equal(["0"], await Strings(cs, "SELECT (SELECT count(*) FROM orleansmembershiptable) + (SELECT count(*) FROM orleansmembershipversiontable) || ''"));
    }

    /// <summary>The clustering provider's own calls against a running second silo's table.</summary>
    private static async Task<IMembershipTable> MembershipCallsAsync(Silo second, int firstPort, string cs)
    {
        var table = second.Services.GetRequiredService<IMembershipTable>();
        var all = await table.ReadAllAsync();
        var dead = all.Members.Select(m => m.Item1).Single(m => m.SiloAddress.Endpoint.Port == firstPort);
        var alive = all.Members.Select(m => m.Item1).Single(m => m.SiloAddress.Endpoint.Port == second.SiloPort);
        Assert.Equal(SiloStatus.Dead, dead.Status);
        Assert.Equal(SiloStatus.Active, alive.Status);
        Assert.Equal(second.GatewayPort, alive.ProxyPort);
        Assert.True(all.Version.Version > 0);
        var row = await table.ReadRowAsync(alive.SiloAddress);
        Assert.Equal(alive.SiloAddress, Assert.Single(row.Members).Item1.SiloAddress);

        // A write carrying a table version someone else already moved past changes nothing.
        var stale = new TableVersion(all.Version.Version, (all.Version.Version - 1).ToString(CultureInfo.InvariantCulture));
        Assert.False(await table.UpdateRowAsync(alive, "", stale.Next()));
        var ghost = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, 1, 1), SiloName = "ghost", HostName = "ghost",
            Status = SiloStatus.Joining, StartTime = DateTime.UtcNow, IAmAliveTime = DateTime.UtcNow,
        };
        Assert.False(await table.InsertRowAsync(ghost, stale.Next()));
        Assert.Equal(["0"], await Strings(cs, "SELECT count(*)::text FROM orleansmembershiptable WHERE port = 1"));

        // Heartbeat: stored to the millisecond and read back.
        var heartbeat = DateTime.UtcNow.AddMinutes(1);
        alive.IAmAliveTime = new DateTime(heartbeat.Ticks - heartbeat.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        await table.UpdateIAmAliveAsync(alive);
        Assert.Equal(alive.IAmAliveTime, Assert.Single((await table.ReadRowAsync(alive.SiloAddress)).Members).Item1.IAmAliveTime);

        // Cleanup of dead silos: the 10.x provider deletes each one with the values it read (CleanupDefunctSiloEntryKey).
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal([second.SiloPort.ToString(CultureInfo.InvariantCulture)], await Strings(cs, "SELECT port::text FROM orleansmembershiptable"));
        return table;
    }

    /// <summary>The reminder table's every query, called the way the reminder service calls it, plus a grain registering one.</summary>
    [Fact]
    public async Task Orleans_reminder_provider_reads_and_writes_through_the_schema()
    {
        var cs = await MigratedDatabaseAsync("schema_reminders");
        await using var silo = await StartSiloAsync(cs, "schema-reminders");
        var reminders = silo.Services.GetRequiredService<IReminderTable>();
        var a = GrainId.Create("schema-probe", "ra");
        var b = GrainId.Create("schema-probe", "rb");
        var start = DateTime.UtcNow;
        start = new DateTime(start.Ticks - start.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

        // A period over int.MaxValue ms goes as a bigint parameter, a shorter one as an int.
        Assert.Equal("0", await reminders.UpsertRow(new ReminderEntry { GrainId = a, ReminderName = "monthly", StartAt = start, Period = TimeSpan.FromDays(40) }));
        Assert.Equal(TimeSpan.FromDays(40), (await reminders.ReadRow(a, "monthly"))!.Period);
        Assert.Equal("1", await reminders.UpsertRow(new ReminderEntry { GrainId = a, ReminderName = "monthly", StartAt = start, Period = TimeSpan.FromMinutes(5) }));
        Assert.Equal("0", await reminders.UpsertRow(new ReminderEntry { GrainId = b, ReminderName = "hourly", StartAt = start, Period = TimeSpan.FromHours(1) }));

        var read = await reminders.ReadRow(a, "monthly");
        Assert.NotNull(read);
        Assert.Equal((a, "monthly", start, TimeSpan.FromMinutes(5), "1"), (read.GrainId, read.ReminderName, read.StartAt, read.Period, read.ETag));
        Assert.Null(await reminders.ReadRow(a, "never"));
        Assert.Equal(["monthly"], (await reminders.ReadRows(a)).Reminders.Select(r => r.ReminderName));

        // Ring ranges are (begin, end]: one that does not wrap in signed order, one that does, the whole ring.
        var hashA = a.GetUniformHashCode();
        Assert.Contains(a, (await reminders.ReadRows(hashA - 1, hashA)).Reminders.Select(r => r.GrainId));
        var allButA = (await reminders.ReadRows(hashA, hashA - 1)).Reminders.Select(r => r.GrainId).ToList();
        Assert.DoesNotContain(a, allButA);
        Assert.Contains(b, allButA);
        Assert.Equal(2, (await reminders.ReadRows(0u, 0u)).Reminders.Count);

        // Delete with an etag someone moved past: refused. With the current one: done.
        Assert.False(await reminders.RemoveRow(a, "monthly", "0"));
        Assert.True(await reminders.RemoveRow(a, "monthly", "1"));
        Assert.Null(await reminders.ReadRow(a, "monthly"));

        // A grain registering through the reminder service lands in the same table.
        await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IStringProbeGrain>("rc").RemindHourly();
        Assert.Equal(["later"], (await reminders.ReadRows(GrainId.Create("schema-probe", "rc"))).Reminders.Select(r => r.ReminderName));

        await reminders.TestOnlyClearTable();
        Assert.Empty((await reminders.ReadRows(0u, 0u)).Reminders);
    }

    [Fact]
    public async Task Clearing_with_delete_on_clear_removes_the_row_and_refuses_a_stale_version()
    {
        var cs = await MigratedDatabaseAsync("schema_delete");
        await using var silo = await StartSiloAsync(cs, "schema-delete");
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        // Not "d1": a string key that parses as hex is stored as an integer key (N1 = 0xd1, no extension).
        const string count = "SELECT count(*)::text FROM orleansstorage WHERE grainidextensionstring = 'del-1'";

        var d1 = grains.GetGrain<IDeletingProbeGrain>("del-1");
        await d1.Write("x");
        await d1.Write("y");
        await d1.Clear();
        Assert.Equal(["0"], await Strings(cs, count));
        Assert.Null(await d1.ETag()); // no row, no version: the next write inserts afresh
        Assert.Null(await d1.ReadStored());
        await d1.Write("z");
        Assert.Equal("1", await d1.ETag());

        await Execute(cs, "UPDATE orleansstorage SET version = version + 1 WHERE grainidextensionstring = 'del-1'");
        var conflict = await Assert.ThrowsAnyAsync<Exception>(() => d1.Clear());
        Assert.True(Causes(conflict).Any(e => e is InconsistentStateException), conflict.ToString());
        Assert.Equal(["1"], await Strings(cs, count));
    }

    /// <summary>
    /// A provider behaviour the schema cannot change, pinned so that it is not forgotten: the 10.x grain
    /// storage asks GrainId.TryGetIntegerKey first, which reads any string key of up to 16 hex digits as a
    /// number. "cafe", "CAFE" and "0cafe" are then one row (N1 = 0xcafe, no extension): different grains
    /// sharing one state. Keys of client-chosen ids that can be pure hex need a non-hex form before storage.
    /// </summary>
    [Fact]
    public async Task A_string_key_made_of_hex_digits_is_stored_as_an_integer_key()
    {
        var cs = await MigratedDatabaseAsync("schema_hex_keys");
        await using var silo = await StartSiloAsync(cs, "schema-hex-keys");
        var grains = silo.Services.GetRequiredService<IGrainFactory>();

        await grains.GetGrain<IStringProbeGrain>("cafe").Write("lower");

        Assert.Equal(["51966:<null>"], await Strings(cs, "SELECT grainidn1 || ':' || coalesce(grainidextensionstring, '<null>') FROM orleansstorage"));
        Assert.Equal("lower", await grains.GetGrain<IStringProbeGrain>("CAFE").ReadStored());
        Assert.Equal("lower", await grains.GetGrain<IStringProbeGrain>("0cafe").ReadStored());
    }

    /// <summary>How the 10.x grain storage hashes a key: Orleans' StableHash (XxHash32) over the key's bytes in reverse.</summary>
    private static int IdHash(byte[] keyBytes)
    {
        var bytes = (byte[])keyBytes.Clone();
        if (BitConverter.IsLittleEndian) Array.Reverse(bytes);
        return (int)StableHash.ComputeHash(bytes);
    }

    private static IEnumerable<Exception> Causes(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes)) yield return inner;
        }
    }

    [GeneratedRegex("'([A-Za-z0-9]+)'")]
    private static partial Regex QuotedWords();

    /// <summary>A silo host with the three ADO.NET providers on the schema, as production configures them.</summary>
    private sealed class Silo(IHost host, int siloPort, int gatewayPort) : IAsyncDisposable
    {
        public int SiloPort => siloPort;
        public int GatewayPort => gatewayPort;
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(SiloTimeout);
            await host.StopAsync(timeout.Token);
            host.Dispose();
        }
    }

    /// <summary>A new database with the whole schema applied; its connection string.</summary>
    private async Task<string> MigratedDatabaseAsync(string name)
    {
        var cs = await postgres.CreateDatabaseAsync(name);
        await SchemaMigrator.ApplyAsync(cs);
        return cs;
    }

    private static async Task<Silo> StartSiloAsync(string cs, string cluster)
    {
        var (siloPort, gatewayPort) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var host = GenericHost.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleans(silo => silo
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster, cluster))
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", cs))
                .AddAdoNetGrainStorage(ProbeStorage, o =>
                {
                    (o.Invariant, o.ConnectionString) = ("Npgsql", cs);
                    o.GrainStorageSerializer = new PmoStateSerializer();
                })
                .AddAdoNetGrainStorage(DeletingStorage, o =>
                {
                    (o.Invariant, o.ConnectionString) = ("Npgsql", cs);
                    o.GrainStorageSerializer = new PmoStateSerializer();
                    o.DeleteStateOnClear = true;
                })
                .UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", cs)))
            .Build();
        using var timeout = new CancellationTokenSource(SiloTimeout);
        await host.StartAsync(timeout.Token);
        return new Silo(host, siloPort, gatewayPort);
    }

    private sealed class Client(IHost host) : IAsyncDisposable
    {
        public IClusterClient Grains => host.Services.GetRequiredService<IClusterClient>();

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(SiloTimeout);
            await host.StopAsync(timeout.Token);
            host.Dispose();
        }
    }

    /// <summary>An external client finds gateways through the ADO.NET gateway query (GatewaysQueryKey).</summary>
    private static async Task<Client> StartClientAsync(string cs, string cluster)
    {
        var host = GenericHost.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster, cluster))
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", cs)))
            .Build();
        using var timeout = new CancellationTokenSource(SiloTimeout);
        await host.StartAsync(timeout.Token);
        return new Client(host);
    }

    private static async Task<(int Code, string Output)> RunHost(params string[] arguments)
    {
        var directory = HostProcess.LocateHostDirectory();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        start.ArgumentList.Add(Path.Combine(directory, "Pmo.Host.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static async Task Execute(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string[]> Strings(string cs, string sql) =>
        [.. (await Rows(cs, sql)).Select(r => r[0] is DBNull ? "<null>" : Convert.ToString(r[0], CultureInfo.InvariantCulture)!)];

    private static async Task<List<object[]>> Rows(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Tables, columns, indexes, constraints, functions, query texts and recorded steps: what applying the
    /// schema again could change. Without times, a migrated database and a fresh one compare equal.
    /// </summary>
    private static async Task<string> Dump(string cs, bool withTimes) => string.Join("\n",
        string.Join("\n", await Strings(cs, "SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1")),
        string.Join("\n", await Strings(cs, "SELECT indexname || ':' || indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")),
        string.Join("\n", await Strings(cs, "SELECT conrelid::regclass || ':' || conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1")),
        string.Join("\n", await Strings(cs, "SELECT proname || ':' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1")),
        string.Join("\n", await Strings(cs, "SELECT querykey || ':' || md5(querytext) FROM orleansquery ORDER BY 1")),
        string.Join("\n", await Strings(cs, withTimes
            ? "SELECT version || ':' || name || ':' || applied_at FROM pmo_schema_version ORDER BY version"
            : "SELECT version || ':' || name FROM pmo_schema_version ORDER BY version")));
}

// The probe grains: the smallest grains that read, write and clear one persistent state, one keyed by
// a string and one by a Guid with an extension, so every key column the provider fills is exercised,
// and one on the delete-on-clear provider.
public interface IProbe : IGrain
{
    Task Write(string value);

    /// <summary>Reads the state from storage again, then returns it.</summary>
    Task<string?> ReadStored();

    Task Clear();

    Task<string?> ETag();

    Task RemindHourly();
}

public interface IStringProbeGrain : IProbe, IGrainWithStringKey
{
}

public interface ICompoundProbeGrain : IProbe, IGrainWithGuidCompoundKey
{
}

public interface IDeletingProbeGrain : IProbe, IGrainWithStringKey
{
}

public sealed class ProbeState
{
    public string? Value { get; set; }
}

public abstract class ProbeGrain(IPersistentState<ProbeState> state) : Grain, IProbe, IRemindable
{
    public Task Write(string value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }

    public async Task<string?> ReadStored()
    {
        await state.ReadStateAsync();
        return state.State.Value;
    }

    public Task Clear() => state.ClearStateAsync();

    public Task<string?> ETag() => Task.FromResult(state.Etag);

    public async Task RemindHourly() => await this.RegisterOrUpdateReminder("later", TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

[GrainType("schema-probe")]
public sealed class StringProbeGrain([PersistentState("probe", SchemaTests.ProbeStorage)] IPersistentState<ProbeState> state)
    : ProbeGrain(state), IStringProbeGrain;

[GrainType("schema-probe-compound")]
public sealed class CompoundProbeGrain([PersistentState("probe", SchemaTests.ProbeStorage)] IPersistentState<ProbeState> state)
    : ProbeGrain(state), ICompoundProbeGrain;

[GrainType("schema-probe-deleting")]
public sealed class DeletingProbeGrain([PersistentState("probe", SchemaTests.DeletingStorage)] IPersistentState<ProbeState> state)
    : ProbeGrain(state), IDeletingProbeGrain;
