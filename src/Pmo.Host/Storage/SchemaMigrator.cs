using System.Net.Sockets;
using System.Reflection;
using Npgsql;

namespace Pmo.Host.Storage;

/// <summary>
/// Applies the project's PostgreSQL schema (Storage/Sql/NNN_*.sql, embedded) step by step. Each step
/// runs once, in its own transaction, and is recorded in pmo_schema_version; every step is also
/// written to be harmless if run again. A session advisory lock keeps silos that start together from
/// applying the same step twice.
/// </summary>
public static class SchemaMigrator
{
    private const long LockKey = 0x506D6F5363686D61; // "PmoSchma"

    /// <summary>Every step, in order: (version, name, sql).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Steps { get; } = LoadSteps();

    /// <summary>Applies the steps not yet recorded; returns how many it applied.</summary>
    public static Task<int> ApplyAsync(string connectionString, ILogger? logger = null, CancellationToken ct = default) =>
        ApplyAsync(connectionString, Steps.Count == 0 ? 0 : Steps[^1].Version, logger, ct);

    /// <summary>Applies steps up to <paramref name="upToVersion"/> (tests use it to build an older database).</summary>
    public static async Task<int> ApplyAsync(string connectionString, int upToVersion, ILogger? logger = null, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(connectionString, ct);
        await Execute(connection, "SELECT pg_advisory_lock(@key)", ct, ("key", LockKey));
        try
        {
            await Execute(connection,
                "CREATE TABLE IF NOT EXISTS pmo_schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", ct);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM pmo_schema_version", connection))
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));

            var count = 0;
            foreach (var (version, name, sql) in Steps.Where(s => s.Version <= upToVersion && !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using (var step = new NpgsqlCommand(sql, connection, transaction)) await step.ExecuteNonQueryAsync(ct);
                await using (var record = new NpgsqlCommand("INSERT INTO pmo_schema_version (version, name) VALUES (@v, @n)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", version);
                    record.Parameters.AddWithValue("n", name);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
                logger?.LogInformation("Applied schema step {Version} {Name}", version, name);
                count++;
            }
            return count;
        }
        catch (PostgresException e)
        {
            throw new StorageUnavailableException($"Applying the schema failed: {e.MessageText} ({e.SqlState}).", e);
        }
        finally
        {
            await Execute(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
    }

    /// <summary>Opens a connection or explains, in plain words, why it cannot.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        NpgsqlConnection connection;
        try
        {
            // Fail fast when nothing answers: the start-up check should not wait like a busy silo may.
            var builder = new NpgsqlConnectionStringBuilder(PostgresStorage.Normalize(connectionString));
            if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
            connection = new NpgsqlConnection(builder.ConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new StorageUnavailableException($"The PostgreSQL connection string is not valid: {e.Message}", e);
        }
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            var host = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
            var reason = e is PostgresException pg ? $"{pg.MessageText} ({pg.SqlState})" : e.InnerException?.Message ?? e.Message;
            throw new StorageUnavailableException(
                $"Cannot connect to PostgreSQL at {host.Host}:{host.Port}, database '{host.Database}', user '{host.Username}': {reason}", e);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static List<(int, string, string)> LoadSteps()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Pmo.Host.Storage.Sql.";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (int.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Item1)];
    }
}
