using System.Text.Json;
using System.Text.Json.Serialization;
using Pmo.Domain.Documents;

namespace Pmo.Generator;

/// <summary>The one JSON shape of the portfolio document, shared by the generator, the host and the load harness.</summary>
public static class PortfolioJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
            // Hand-written documents are not always camelCase; writing is unaffected.
            PropertyNameCaseInsensitive = true,
        };
        // Read-only options can be shared across threads and cache their metadata once.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static void Write(Stream stream, PortfolioDocument document)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        JsonSerializer.Serialize(stream, document, Options);
    }

    public static Task WriteAsync(Stream stream, PortfolioDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.SerializeAsync(stream, document, Options, cancellationToken);
    }

    public static PortfolioDocument Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return JsonSerializer.Deserialize<PortfolioDocument>(stream, Options)
            ?? throw new JsonException("The portfolio document is null.");
    }

    public static async Task<PortfolioDocument> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return await JsonSerializer.DeserializeAsync<PortfolioDocument>(stream, Options, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("The portfolio document is null.");
    }

    public static byte[] ToBytes(PortfolioDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }
}
