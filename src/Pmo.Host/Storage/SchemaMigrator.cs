using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using Npgsql;

namespace Pmo.Host.Storage;

/// <summary>
/// Applies the project's PostgreSQL schema (Storage/Sql/NNN_*.sql, embedded) step by step. Each step
/// runs once, in its own transaction, and is recorded in pmo_schema_version; every step is also
/// written to be harmless if run again. A session advisory lock keeps silos that start together from
/// applying the same step twice: the second waits, then finds the step recorded.
/// </summary>
public static class SchemaMigrator
{
    private const long LockKey = 0x506D6F5363686D61; // "PmoSchma"

    /// <summary>A silo that waits longer than this for another one's migration gives up with a reason.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Without a Timeout in the connection string, the start-up check gives up after this many
    /// seconds: a wrong host should stop the process at once, not after Npgsql's default wait.
    /// </summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    /// <summary>Every step, in order: (version, name, sql).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Steps { get; } = LoadSteps();

    /// <summary>The version a database has once every step is applied.</summary>
    public static int LatestVersion => Steps.Count == 0 ? 0 : Steps[^1].Version;

    /// <summary>Applies the steps not yet recorded; returns how many it applied.</summary>
    /// <exception cref="StorageUnavailableException">The database cannot be reached or a step failed; the message says why.</exception>
    public static Task<int> ApplyAsync(string connectionString, ILogger? logger = null, CancellationToken ct = default) =>
        ApplyAsync(connectionString, LatestVersion, logger, ct);

    /// <summary>Applies steps up to <paramref name="upToVersion"/>: the tests' way to build an older database.</summary>
    internal static async Task<int> ApplyAsync(string connectionString, int upToVersion, ILogger? logger = null, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(connectionString, ct);
        await AcquireLockAsync(connection, ct);
        try
        {
            await Execute(connection,
                "CREATE TABLE IF NOT EXISTS pmo_schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", ct);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM pmo_schema_version", connection))
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));

            // A newer build migrated this database already (rolling upgrade): its extra steps only add,
            // so this build runs on it; say so, since a rollback past a schema change deserves a look.
            if (applied.Where(v => v > LatestVersion).ToList() is { Count: > 0 } unknown)
                logger?.LogWarning("The database has schema steps {Versions} that this build does not know; a newer version applied them", unknown);

            var count = 0;
            foreach (var (version, name, sql) in Steps.Where(s => s.Version <= upToVersion && !applied.Contains(s.Version)))
            {
                try
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
                }
                catch (PostgresException e)
                {
                    throw new StorageUnavailableException(
                        $"Applying schema step {name} failed and was rolled back: {e.MessageText} ({e.SqlState}).", e);
                }
                logger?.LogInformation("Applied schema step {Version} {Name}", version, name);
                count++;
            }
            if (count == 0) logger?.LogDebug("The schema is up to date (version {Version})", applied.Count == 0 ? 0 : applied.Max());
            return count;
        }
        catch (PostgresException e)
        {
            // e.g. the user may connect but not create tables.
            throw new StorageUnavailableException($"Applying the schema failed: {e.MessageText} ({e.SqlState}).", e);
        }
        catch (NpgsqlException e)
        {
            throw new StorageUnavailableException($"Lost the connection to PostgreSQL while applying the schema: {Reason(e)}", e);
        }
        finally
        {
            await ReleaseLockAsync(connection, logger);
        }
    }

    /// <summary>Opens a connection or explains, in plain words, why it cannot.</summary>
    /// <exception cref="StorageUnavailableException">The connection string is malformed or the server refuses or does not answer.</exception>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        var builder = ParseConnectionString(connectionString);
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            await connection.DisposeAsync();
            throw new StorageUnavailableException(
                $"Cannot connect to PostgreSQL at {builder.Host}:{builder.Port}, database '{builder.Database}', user '{builder.Username}': {Reason(e)}", e);
        }
    }

    /// <summary>
    /// Checks what can be checked without a server (syntax, a host) and applies the start-up timeout
    /// when the string sets none. Never echoes the string itself: it may carry a password.
    /// </summary>
    internal static NpgsqlConnectionStringBuilder ParseConnectionString(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new StorageUnavailableException("No PostgreSQL connection string was given.");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            throw new StorageUnavailableException($"The PostgreSQL connection string is not valid: {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new StorageUnavailableException("The PostgreSQL connection string is not valid: it names no Host (e.g. Host=localhost;Database=pmo;Username=pmo).");
        if (!NamesKey(connectionString, "Timeout")) builder.Timeout = DefaultConnectTimeoutSeconds;
        return builder;
    }

    /// <summary>
    /// Whether the string sets this key itself. A substring test would take "Command Timeout" for
    /// "Timeout", and Npgsql's builder reports every key it knows as present.
    /// </summary>
    private static bool NamesKey(string connectionString, string key) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));

    private static async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = (int)LockWait.TotalSeconds };
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException)
        {
            await connection.DisposeAsync();
            throw new StorageUnavailableException(
                $"Another process has been applying the schema for over {LockWait.TotalSeconds:0} s (PostgreSQL advisory lock {LockKey}); is a migration stuck?", e);
        }
        catch (NpgsqlException e)
        {
            await connection.DisposeAsync();
            throw new StorageUnavailableException($"Could not take the schema lock in PostgreSQL: {Reason(e)}", e);
        }
    }

    /// <summary>A broken connection releases a session lock by itself, so a failure here is only logged.</summary>
    private static async Task ReleaseLockAsync(NpgsqlConnection connection, ILogger? logger)
    {
        try
        {
            await Execute(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger?.LogDebug(e, "Releasing the schema lock failed; it ends with the session");
        }
    }

    /// <summary>The most specific plain-words reason an Npgsql or socket failure carries.</summary>
    private static string Reason(Exception e) => e switch
    {
        PostgresException pg => $"{pg.MessageText} ({pg.SqlState})",
        NpgsqlException { InnerException: TimeoutException } => "no answer within the connection timeout",
        NpgsqlException { InnerException: { } inner } => inner.Message,
        _ => e.Message,
    };

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Steps are embedded resources named NNN_name.sql; NNN is the version, recorded once applied, so
    /// a released step keeps its number and its effect for good: later changes go into a new step.
    /// </summary>
    private static List<(int, string, string)> LoadSteps()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Pmo.Host.Storage.Sql.";
        List<(int Version, string Name, string Sql)> steps = [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (int.Parse(name[..name.IndexOf('_')], CultureInfo.InvariantCulture), name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Item1)];
        // Two files with one number would make one of them never run on databases that have the other.
        if (steps.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1) is { } clash)
            throw new InvalidOperationException($"Schema steps {string.Join(", ", clash.Select(s => s.Name))} share version {clash.Key}.");
        return [.. steps.Select(s => (s.Version, s.Name, s.Sql))];
    }
}
