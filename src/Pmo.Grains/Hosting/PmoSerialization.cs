using System.Text.Json;
using Orleans.Serialization;

namespace Pmo.Grains.Hosting;

public static class PmoSerialization
{
    /// <summary>
    /// Pmo.Domain stays free of Orleans, so its types cross silos and reach storage through
    /// Orleans' System.Text.Json codec rather than generated serializers. Messages that carry them
    /// are marked [Immutable], so inside one silo they are not copied at all.
    /// </summary>
    public static ISerializerBuilder AddPmoSerialization(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(
            isSupported: type => type.Namespace?.StartsWith("Pmo.Domain", StringComparison.Ordinal) == true,
            new JsonSerializerOptions(JsonSerializerDefaults.General) { IncludeFields = false });
}
