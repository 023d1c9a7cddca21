using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;

namespace Pmo.Grains.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>What every silo running Pmo grains needs, whatever its storage and clustering.</summary>
    public static ISiloBuilder AddPmoGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<Alerts.IAlertJournal, Alerts.InMemoryAlertJournal>();
        silo.Services.AddSerializer(serializer => serializer.AddPmoSerialization());
        return silo;
    }

    /// <summary>The embedded default and the unit tests: grain state in memory, written through the same serializer as PostgreSQL.</summary>
    public static ISiloBuilder AddPmoMemoryStorage(this ISiloBuilder silo) =>
        silo.AddMemoryGrainStorage(PmoStorage.Name, options => options.GrainStorageSerializer = new PmoStateSerializer());
}
