using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;

namespace Pmo.Host.Api;

/// <summary>
/// Reads a command body by hand rather than through minimal-API binding, so that every way a body
/// can be wrong (missing, malformed, a string where a number belongs, too large) answers with
/// problem details naming the field, and nothing reaches a grain.
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Web defaults read "5" as a number; a PMO tool that sends strings has a bug worth hearing about.
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Names such as "Ana's" stay readable in alert messages.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<BodyResult<T>> Read<T>(HttpContext context, long maxBytes) where T : class
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        if (context.Request.ContentLength > maxBytes) return new(null, Problems.TooLarge(maxBytes));
        if (context.Request.ContentLength == 0) return new(null, Problems.Invalid("body", "A JSON body is required."));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Options, context.RequestAborted);
            return value is null
                ? new(null, Problems.Invalid("body", "A JSON body is required."))
                : new(value, null);
        }
        catch (JsonException e)
        {
            var field = Field(e.Path);
            return field == "body" && e.BytePositionInLine is 0 or null && e.LineNumber is 0 or null
                ? new(null, Problems.Invalid("body", "A JSON body is required."))
                : new(null, Problems.Invalid(field, $"Not valid here: {Trim(e.Message)}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, Problems.TooLarge(maxBytes));
        }
    }

    /// <summary>"$.tasks[0].duration" → "tasks[0].duration"; the root → "body".</summary>
    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

public readonly record struct BodyResult<T>(T? Value, IResult? Error) where T : class;
