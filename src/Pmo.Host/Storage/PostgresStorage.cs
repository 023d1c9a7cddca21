using Npgsql;
using Pmo.Host.Hosting;

namespace Pmo.Host.Storage;

/// <summary>Connection settings for production mode, and a probe for readiness.</summary>
public static class PostgresStorage
{
    /// <summary>
    /// Caps each silo's pool so that three silos stay well inside PostgreSQL's default 100
    /// connections (3 × 25 = 75, leaving room for psql and the schema step), and makes an unreachable
    /// server fail within seconds (SchemaMigrator checks with a shorter timeout before the silo starts).
    /// </summary>
    public const int DefaultMaxPoolSize = 25;

    /// <summary>Statements a connection prepares once it has sent them twice (unless the connection string says otherwise).</summary>
    private const int AutoPrepared = 16;

    public static string Normalize(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StorageUnavailableException($"The PostgreSQL connection string is not valid: {e.Message}", e);
        }
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = DefaultMaxPoolSize;
        // Waiting for a pooled connection counts against this too; 15 s rides out bursts.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 15;
        return builder.ConnectionString;
    }

    /// <summary>
    /// The silo's own pool (grain state, alert log, audit). Grain storage sends the same few statements
    /// thousands of times a second; prepared once per connection, PostgreSQL no longer parses and plans
    /// each of them, which on a machine it shares with the silos is CPU the commands need.
    /// For the same reason a connection going back to the pool is not reset: Npgsql would otherwise send
    /// seven statements (RESET ALL, DISCARD …, unparsed each time) ahead of the next batch, about one
    /// reset per two batches under load. Nothing on this pool leaves session state behind: its statements
    /// use transaction-scoped locks only, and the schema step's session lock has a connection of its own.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string normalizedConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(normalizedConnectionString);
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = AutoPrepared;
        if (!normalizedConnectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !normalizedConnectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}

/// <summary>Readiness: can this host reach its database right now?</summary>
internal sealed class PostgresProbe(NpgsqlDataSource database) : IStorageProbe
{
    public async Task<string> CheckAsync(CancellationToken ct)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            return "postgresql";
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return $"unavailable: {e.Message}";
        }
    }
}
