using Npgsql;
using NpgsqlTypes;
using Pmo.Host.Audit;

namespace Pmo.Host.Storage;

/// <summary>
/// The audit in PostgreSQL (table pmo_audit, Storage/Sql/006_audit.sql). Several hosts of one cluster
/// append to the same table: each batch takes the table's write lock, reads the last seq and inserts after
/// it in one transaction, so seqs have no holes and are visible in order.
/// </summary>
public sealed class PostgresAuditStore(NpgsqlDataSource database) : IAuditStore
{
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The lock and the insert go in one round trip (Npgsql puts the BEGIN in front of them), the commit in a second:
        // this runs before every command's answer, so each round trip saved is latency off the command path.
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("LOCK TABLE pmo_audit IN SHARE ROW EXCLUSIVE MODE"));
        var insert = new NpgsqlBatchCommand(
            """
            INSERT INTO pmo_audit (seq, at, sub, roles, action, target, status, change_id)
            SELECT (SELECT coalesce(max(seq), 0) FROM pmo_audit) + n, at, sub, string_to_array(roles, ' '), action, target, status, change_id
              FROM unnest(@at, @sub, @roles, @action, @target, @status, @change) WITH ORDINALITY AS e(at, sub, roles, action, target, status, change_id, n)
            """);
        batch.BatchCommands.Add(insert);
        insert.Parameters.Add(Array("at", NpgsqlDbType.TimestampTz, entries.Select(e => e.At.UtcDateTime)));
        insert.Parameters.Add(Array("sub", NpgsqlDbType.Text, entries.Select(e => e.Sub)));
        insert.Parameters.Add(Array("roles", NpgsqlDbType.Text, entries.Select(e => string.Join(' ', e.Roles))));
        insert.Parameters.Add(Array("action", NpgsqlDbType.Text, entries.Select(e => e.Action)));
        insert.Parameters.Add(Array("target", NpgsqlDbType.Text, entries.Select(e => e.Target)));
        insert.Parameters.Add(Array("status", NpgsqlDbType.Integer, entries.Select(e => e.Status)));
        insert.Parameters.Add(Array("change", NpgsqlDbType.Text, entries.Select(e => e.ChangeId)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AuditPage> ReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var items = new List<AuditEntry>();
        await using (var read = database.CreateCommand(
            "SELECT seq, at, sub, roles, action, target, status, change_id FROM pmo_audit WHERE seq > @after ORDER BY seq LIMIT @limit"))
        {
            read.Parameters.AddWithValue("after", after);
            read.Parameters.AddWithValue("limit", limit);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new AuditEntry
                {
                    Seq = reader.GetInt64(0),
                    At = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero),
                    Sub = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Roles = reader.GetFieldValue<string[]>(3).Where(r => r.Length > 0).ToArray(),
                    Action = reader.GetString(4),
                    Target = reader.GetString(5),
                    Status = reader.GetInt32(6),
                    ChangeId = reader.IsDBNull(7) ? null : reader.GetString(7),
                });
            }
        }
        await using var last = database.CreateCommand("SELECT coalesce(max(seq), 0) FROM pmo_audit");
        var lastSeq = (long)(await last.ExecuteScalarAsync(cancellationToken))!;
        return new AuditPage([.. items], lastSeq);
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };
}
