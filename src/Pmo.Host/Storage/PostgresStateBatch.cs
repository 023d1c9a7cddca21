using Npgsql;

namespace Pmo.Host.Storage;

/// <summary>
/// Sends one batch of grain-state operations to pmo_grain_state (schema step 7) as one NpgsqlBatch:
/// one round trip, one implicit transaction, one commit. Every write carries its own version check
/// (WHERE version = expected, or an insert that does nothing when a row exists) and RETURNING version,
/// so a conflict is a statement that returned no row: it fails that grain's write alone and never
/// raises an error that would roll back the others. Writes lock their rows in key order, so two
/// batches in flight at once cannot deadlock on each other.
/// </summary>
internal sealed partial class PostgresStateBatch(NpgsqlDataSource database, ILogger<PostgresStateBatch> logger) : IStateBatchExecutor
{
    private const string Key = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4";

    private const string ReadSql = $"SELECT version, payload FROM pmo_grain_state WHERE {Key}";

    private const string InsertSql =
        "INSERT INTO pmo_grain_state (service_id, grain_type, grain_key, state_name, version, payload) VALUES ($1, $2, $3, $4, 1, $5) " +
        "ON CONFLICT DO NOTHING RETURNING version";

    private const string UpdateSql =
        $"UPDATE pmo_grain_state SET payload = $6, version = version + 1, modified_at = now() WHERE {Key} AND version = $5 RETURNING version";

    private const string ClearSql =
        $"UPDATE pmo_grain_state SET payload = NULL, version = version + 1, modified_at = now() WHERE {Key} AND version = $5 RETURNING version";

    /// <summary>Clearing a state the grain never found: fine while there is still no row (one row, NULL), a conflict otherwise.</summary>
    private const string ClearUnwrittenSql = $"SELECT NULL::integer WHERE NOT EXISTS (SELECT 1 FROM pmo_grain_state WHERE {Key})";

    /// <summary>A batch PostgreSQL rolled back as a deadlock or serialization victim is simply sent again.</summary>
    private const int Attempts = 3;

    public async Task ExecuteAsync(IReadOnlyList<StateOperation> batch)
    {
        // Stable: one grain's operations keep their order.
        var ordered = batch.Order(Comparer<StateOperation>.Create((a, b) => StateIdentity.Compare(a.Identity, b.Identity))).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcomes = await SendAsync(ordered);
                // Only now, with the batch committed, does any caller hear that its operation succeeded.
                for (var i = 0; i < ordered.Count; i++) ordered[i].Complete(outcomes[i]);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < Attempts)
            {
                LogRetry(logger, ordered.Count, e.SqlState);
            }
            catch (Exception e)
            {
                LogFailed(logger, ordered.Count, e);
                foreach (var operation in ordered) operation.Fail(e);
                return;
            }
        }
    }

    private async Task<StateOutcome[]> SendAsync(List<StateOperation> operations)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var operation in operations) batch.BatchCommands.Add(Command(operation));
        var outcomes = new StateOutcome[operations.Count];
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            for (var i = 0; i < operations.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync())
                    throw new InvalidOperationException($"The state batch returned {i} results for {operations.Count} statements.");
                outcomes[i] = await Outcome(operations[i], reader);
            }
            // Disposing reads to the end of the batch: its commit, or the error that rolled it back.
        }
        return outcomes;
    }

    private static async Task<StateOutcome> Outcome(StateOperation operation, NpgsqlDataReader reader)
    {
        var found = await reader.ReadAsync();
        if (operation.Kind == StateOperationKind.Read)
            return found ? new(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1), false) : default;
        if (!found) return new(null, null, Conflict: true);
        return new(reader.IsDBNull(0) ? null : reader.GetInt32(0), null, false);
    }

    private static NpgsqlBatchCommand Command(StateOperation operation)
    {
        var command = new NpgsqlBatchCommand(operation switch
        {
            { Kind: StateOperationKind.Read } => ReadSql,
            { Kind: StateOperationKind.Write, ExpectedVersion: null } => InsertSql,
            { Kind: StateOperationKind.Write } => UpdateSql,
            { ExpectedVersion: null } => ClearUnwrittenSql,
            _ => ClearSql,
        });
        // Positional parameters: Npgsql sends the text as written, with no rewriting per statement.
        var id = operation.Identity;
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.GrainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.StateName });
        if (operation.ExpectedVersion is { } expected && operation.Kind != StateOperationKind.Read)
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = expected });
        if (operation.Kind == StateOperationKind.Write)
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = operation.Payload });
        return command;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A grain-state batch of {Count} was rolled back ({SqlState}) and is sent again")]
    private static partial void LogRetry(ILogger logger, int count, string sqlState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A grain-state batch of {Count} operations failed; each of their grains sees the error")]
    private static partial void LogFailed(ILogger logger, int count, Exception exception);
}
