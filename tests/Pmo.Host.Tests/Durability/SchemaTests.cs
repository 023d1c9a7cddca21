using System.Diagnostics;
using Npgsql;
using Pmo.Host.Storage;
using Pmo.Host.Tests.Infrastructure;

namespace Pmo.Host.Tests.Durability;

/// <summary>The PostgreSQL schema the project owns (Storage/Sql), applied by SchemaMigrator and --init-db.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresServer postgres)
{
    private static readonly string[] ProviderQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey",
        "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
        "MembershipReadRowKey", "ReadFromStorageKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "WriteToStorageKey",
    ];

    [Fact]
    public async Task Applying_the_schema_creates_every_table_and_query_the_providers_need()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_fresh");
        Assert.Equal(SchemaMigrator.Steps.Count, await SchemaMigrator.ApplyAsync(cs));

        Assert.Equal(ProviderQueryKeys, await Strings(cs, "SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\""));
        var tables = await Strings(cs, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
        Assert.Superset(new HashSet<string> { "orleansquery", "orleansmembershiptable", "orleansmembershipversiontable", "orleansstorage", "pmo_alert_log", "pmo_schema_version" },
            tables.ToHashSet());
    }

    [Fact]
    public async Task Applying_the_schema_twice_is_harmless()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_twice");
        await SchemaMigrator.ApplyAsync(cs);
        var before = await Dump(cs);

        Assert.Equal(0, await SchemaMigrator.ApplyAsync(cs));
        Assert.Equal(before, await Dump(cs));
    }

    [Fact]
    public async Task An_older_database_is_migrated_to_the_current_version()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_old");
        Assert.Equal(2, await SchemaMigrator.ApplyAsync(cs, upToVersion: 2));
        Assert.DoesNotContain("orleansstorage", await Strings(cs, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));

        Assert.Equal(SchemaMigrator.Steps.Count - 2, await SchemaMigrator.ApplyAsync(cs));
        Assert.Equal(SchemaMigrator.Steps.Select(s => s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await Strings(cs, "SELECT version::text FROM pmo_schema_version ORDER BY version"));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Database=x;Username=y", "Cannot connect to PostgreSQL at 127.0.0.1:1")]
    [InlineData("this is not; a connection=string=at all", "connection string is not valid")]
    public async Task A_bad_connection_string_fails_fast_with_a_plain_message(string connectionString, string expected)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => SchemaMigrator.ApplyAsync(connectionString));
        Assert.Contains(expected, error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_host_init_db_flag_applies_the_schema_and_exits_and_a_bad_database_exits_non_zero()
    {
        var cs = await postgres.CreateDatabaseAsync("schema_flag");
        var (code, output) = await RunHost("--postgres", cs, "--init-db");
        Assert.True(code == 0, output);
        Assert.Contains("Applied", output);
        Assert.Equal(ProviderQueryKeys.Length, (await Strings(cs, "SELECT querykey FROM orleansquery")).Length);

        var (bad, message) = await RunHost("--postgres", "Host=127.0.0.1;Port=1;Database=x;Username=y", "--init-db");
        Assert.Equal(1, bad);
        Assert.Contains("PostgreSQL is not usable", message);
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

    private static async Task<string[]> Strings(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return [.. values];
    }

    /// <summary>Tables, columns, functions and query texts: what a second application could change.</summary>
    private static async Task<string> Dump(string cs) => string.Join("\n",
        await Strings(cs, "SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1"),
        string.Join("\n", await Strings(cs, "SELECT proname || ':' || md5(prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1")),
        string.Join("\n", await Strings(cs, "SELECT querykey || ':' || md5(querytext) FROM orleansquery ORDER BY 1")),
        string.Join("\n", await Strings(cs, "SELECT version || ':' || name || ':' || applied_at FROM pmo_schema_version ORDER BY 1")));
}
