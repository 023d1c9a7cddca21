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

    [Theory]
    [InlineData("CommandLoops", "0")]
    [InlineData("DerivedLoops", "-1")]
    [InlineData("MaxBatch", "0")]
    [InlineData("CommandCapacity", "0")]
    public void A_batching_setting_below_one_is_a_problem_naming_its_key(string key, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"Pmo:Storage:{key}"] = value })
            .Build();

        var (batching, problem) = StateBatching.From(configuration);

        Assert.Null(batching);
        Assert.Contains($"Pmo:Storage:{key} must be at least 1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_batching_has_no_problems() => Assert.Empty(StateBatching.Default.Problems());

    [Theory]
    [InlineData("0", "must be at least 1")]
    [InlineData("many", "Pmo:Storage:CommandLoops")]
    public async Task The_host_refuses_to_start_with_unusable_batching_and_names_the_key(string value, string said)
    {
        // A command lane without a writer loop would hang every grain that saves: refused before the silo starts.
        var (exitCode, output, error) = await HostCommand.RunAsync(
            new Dictionary<string, string> { ["Pmo__Storage__CommandLoops"] = value }, "--no-demo");

        Assert.True(exitCode == 2, $"exit code {exitCode}: {output}{error}");
        Assert.Contains("Pmo:Storage:CommandLoops", error, StringComparison.Ordinal);
        Assert.Contains(said, error, StringComparison.Ordinal);
    }
}
