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

    /// <summary>Grain-state operations for commands and reads one silo runs at once (see ThrottledGrainStorage).</summary>
    public const int StateConcurrency = 14;

    /// <summary>Write-behind flushes of derived state one silo runs at once, besides those.</summary>
    public const int DerivedStateConcurrency = 4;

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
