using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Pmo.Grains.Hosting;

namespace Pmo.Grains.Tests;

/// <summary>
/// A one-silo cluster per test class whose grain storage is a <see cref="HeldWriteStorage"/> of that class's
/// own (static per <typeparamref name="TTests"/>, because Orleans builds the silo configurator itself), for
/// tests that hold a grain's writes to see what goes on meanwhile.
/// </summary>
public abstract class HeldStorageClusterTests<TTests> : IAsyncLifetime where TTests : HeldStorageClusterTests<TTests>
{
    protected static readonly HeldWriteStorage Storage = new();
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    protected TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await ClusterFixture.DeployAsync<SiloConfigurator>();

    public async Task DisposeAsync()
    {
        // A failed test may leave a write held; deactivation waits for it.
        Storage.Release();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(PmoStorage.Name, Storage);
            silo.AddPmoGrains();
        }
    }
}
