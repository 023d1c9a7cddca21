using Microsoft.Extensions.Configuration;
using Npgsql;
using Pmo.Host.Storage;

namespace Pmo.Host.Tests;

/// <summary>
/// The connection settings production mode adds to an operator's connection string, and that what the
/// operator wrote wins over them.
/// </summary>
public sealed class PostgresSettingsTests
{
    [Fact]
    public async Task The_silo_pool_is_capped_prepares_its_statements_and_skips_the_reset_on_return()
    {
        await using var source = PostgresStorage.CreateDataSource(PostgresStorage.Normalize("Host=db;Username=pmo"));
        var settings = new NpgsqlConnectionStringBuilder(source.ConnectionString);

        Assert.Equal(PostgresStorage.DefaultMaxPoolSize, settings.MaxPoolSize);
        Assert.True(settings.MaxAutoPrepare > 0);
        Assert.True(settings.NoResetOnClose);
    }

    [Fact]
    public async Task What_the_connection_string_says_is_kept()
    {
        await using var source = PostgresStorage.CreateDataSource(
            PostgresStorage.Normalize("Host=db;Username=pmo;Maximum Pool Size=7;Max Auto Prepare=3;No Reset On Close=false"));
        var settings = new NpgsqlConnectionStringBuilder(source.ConnectionString);

        Assert.Equal(7, settings.MaxPoolSize);
        Assert.Equal(3, settings.MaxAutoPrepare);
        Assert.False(settings.NoResetOnClose);
    }

    [Fact]
    public void Grain_state_batching_reads_Pmo_Storage_and_keeps_the_defaults_it_does_not_name()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pmo:Storage:CommandLoops"] = "2", ["Pmo:Storage:MaxBatch"] = "16" })
            .Build();

        var batching = configuration.GetSection(StateBatching.Section).Get<StateBatching>();

        Assert.Equal(StateBatching.Default with { CommandLoops = 2, MaxBatch = 16 }, batching);
    }
}
