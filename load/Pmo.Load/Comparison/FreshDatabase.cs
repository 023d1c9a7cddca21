using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Pmo.Load.Comparison;

/// <summary>
/// An empty PostgreSQL database of one comparison's own, made on the server a connection string
/// points at: the host applies its schema to it, so the PostgreSQL run starts from nothing, like
/// the in-memory one. Dropped on dispose unless asked to keep it.
/// </summary>
public sealed class FreshDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly bool _keep;

    private FreshDatabase(string server, string name, string connectionString, bool keep)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
        _keep = keep;
    }

    public string Name { get; }

    /// <summary>The given connection string, pointed at the new database.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// <c>pmo_compare_</c>, the time and a random suffix: unique per run, sortable, and only letters,
    /// digits and underscores, so it needs no quoting rules beyond the double quotes used anyway.
    /// </summary>
    public static string NewName(DateTimeOffset now, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return string.Create(CultureInfo.InvariantCulture, $"pmo_compare_{now:yyyyMMdd_HHmmss}_{random.Next(0x100000, 0xFFFFFF):x6}");
    }

    /// <param name="server">A connection string to the server; its database (default <c>postgres</c>) is where CREATE DATABASE runs.</param>
    public static async Task<FreshDatabase> CreateAsync(string server, bool keep, CancellationToken cancellationToken)
    {
        var name = NewName(DateTimeOffset.UtcNow, Random.Shared);
        var builder = Builder(server);
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"", "CREATE DATABASE", cancellationToken).ConfigureAwait(false);
        builder.Database = name;
        return new FreshDatabase(server, name, builder.ConnectionString, keep);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep) return;
        // FORCE: a host that was killed may leave connections the server has not noticed yet.
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", "DROP DATABASE", CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The connection string as given, on the <c>postgres</c> database when it names none; a bad one is the user's to fix.</summary>
    private static NpgsqlConnectionStringBuilder Builder(string server)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(server);
            if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
            return builder;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"--postgres is not an Npgsql connection string: {e.Message}", e);
        }
    }

    private static async Task ExecuteAsync(string server, string sql, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(Builder(server).ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            // Worded for the user, without the connection string (it may carry a password).
            throw new InvalidOperationException($"PostgreSQL: {what} failed: {e.Message}", e);
        }
    }
}
