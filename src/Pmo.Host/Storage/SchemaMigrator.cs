namespace Pmo.Host.Storage;

// Placeholder until the schema scripts land: the real migrator applies Storage/Sql/*.sql.
public static class SchemaMigrator
{
    public static Task<int> ApplyAsync(string connectionString, ILogger? logger = null, CancellationToken ct = default) =>
        throw new StorageUnavailableException("The schema scripts are not part of this build yet.");
}
