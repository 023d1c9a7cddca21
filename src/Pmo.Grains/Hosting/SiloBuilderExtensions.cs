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
        silo.Services.AddSerializer(serializer => serializer.AddPmoSerialization());
        return silo;
    }
}
