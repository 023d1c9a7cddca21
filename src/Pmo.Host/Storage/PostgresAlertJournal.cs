using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pmo.Contracts;
using Pmo.Grains.Alerts;
using Pmo.Grains.Hosting;

namespace Pmo.Host.Storage;

/// <summary>
/// The alert log in PostgreSQL (table pmo_alert_log, see Storage/Sql): one row per entry, written in
/// one round trip per append. ON CONFLICT DO NOTHING makes a retried append after a timeout harmless.
/// </summary>
public sealed class PostgresAlertJournal(NpgsqlDataSource database) : IAlertJournal
{
    public async Task AppendAsync(IReadOnlyList<AlertEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0) return;
        await using var command = database.CreateCommand(
            "INSERT INTO pmo_alert_log (seq, entry) SELECT * FROM unnest(@seqs, @entries) ON CONFLICT (seq) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = entries.Select(e => e.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("entries", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = entries.Select(e => JsonSerializer.Serialize(e, PmoStateSerializer.Options)).ToArray(),
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlertEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<AlertEntry>();
        await using var command = database.CreateCommand("SELECT entry FROM pmo_alert_log ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(JsonSerializer.Deserialize<AlertEntry>(reader.GetString(0), PmoStateSerializer.Options)!);
        return entries;
    }
}
