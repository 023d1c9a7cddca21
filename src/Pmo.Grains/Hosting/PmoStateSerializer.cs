using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Pmo.Grains.Hosting;

/// <summary>
/// How grain state is written to storage: readable JSON through System.Text.Json, chosen once for
/// every provider (memory and PostgreSQL alike, so the in-memory tests exercise the same round trip).
/// Property names, not Orleans field ids, are the stored contract: renaming a state property is a
/// migration, renaming a class is not (state names and grain types are pinned by attributes).
/// </summary>
public sealed class PmoStateSerializer : IGrainStorageSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new InvalidOperationException($"Stored state of type {typeof(T).Name} read back as null.");
}
