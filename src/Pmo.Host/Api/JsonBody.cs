using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace Pmo.Host.Api;

/// <summary>
/// Reads a command body by hand rather than through minimal-API binding, so that every way a body
/// can be wrong (missing, malformed, a string where a number belongs, too deep, a key twice, too large,
/// not JSON at all) answers with problem details naming the field in plain words, and nothing reaches a
/// grain. No message carries a .NET type name: the serializer's are translated, never passed on.
/// </summary>
public static partial class JsonBody
{
    /// <summary>Deepest nesting a body may have; the portfolio document needs 5 levels.</summary>
    public const int MaxDepth = 32;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Web defaults read "5" as a number; a PMO tool that sends strings has a bug worth hearing about.
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Names such as "Ana's" stay readable in alert messages.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
        // {"budget": 1, "budget": -1} means two things at once: refuse it rather than let the last one win.
        AllowDuplicateProperties = false,
    };

    public static async Task<BodyResult<T>> Read<T>(HttpContext context, long maxBytes) where T : class
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        if (context.Request.ContentLength > maxBytes) return new(null, Problems.TooLarge(maxBytes));
        if (context.Request.ContentLength == 0) return new(null, Problems.Invalid("body", "A JSON body is required."));
        if (!IsJson(context.Request.ContentType)) return new(null, Problems.UnsupportedMediaType());
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
                : new(null, Problems.Invalid(field, Explain(field, e)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, Problems.TooLarge(maxBytes));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            // A converter that gave up in its own way: still the client's body, still a 400 without internals.
            return new(null, Problems.Invalid("body", "The body is not a valid JSON document of the expected shape."));
        }
    }

    /// <summary>A body must say it is JSON (application/json or any +json type); no type at all is read as JSON too.</summary>
    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return true;
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"$.tasks[0].duration" → "tasks[0].duration"; the root → "body".</summary>
    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The serializer's complaint in plain words: what was expected, never which .NET type.</summary>
    private static string Explain(string field, JsonException e)
    {
        var message = e.Message;
        if (ConvertedTo().Match(message) is { Success: true } converted)
            return $"{field} must be {Expected(converted.Groups[1].Value)}.";
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
            return $"The body is nested deeper than {MaxDepth} levels.";
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            return $"{field} is given more than once.";
        var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
        return $"The body is not valid JSON{where}.";
    }

    private static string Expected(string typeName)
    {
        var name = NullableOf().Match(typeName) is { Success: true } inner ? inner.Groups[1].Value : typeName;
        return name switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" => "a whole number within range",
            "System.Decimal" or "System.Double" or "System.Single" => "a number within range",
            "System.String" => "a string",
            "System.Boolean" => "true or false",
            "System.DateOnly" => "a date written yyyy-MM-dd",
            "System.DateTimeOffset" or "System.DateTime" => "an instant written as ISO-8601",
            _ when name.Contains("[]", StringComparison.Ordinal) || name.Contains("List`", StringComparison.Ordinal) || name.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
            _ => "an object",
        };
    }

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.?(?:\s|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^System\.Nullable`1\[\[?([^,\]]+)")]
    private static partial Regex NullableOf();
}

public readonly record struct BodyResult<T>(T? Value, IResult? Error) where T : class;
