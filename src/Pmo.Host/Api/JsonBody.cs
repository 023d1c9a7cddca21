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
                : new(null, Problems.Invalid(field, Explain(typeof(T), field, e)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, Problems.TooLarge(maxBytes));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            // A converter that gave up in its own way (a JsonObject meeting a key twice throws its own way):
            // still the client's body, still a 400 without internals.
            if (DuplicateKey().Match(e.Message) is { Success: true } duplicate)
                return new(null, Problems.Invalid(duplicate.Groups[1].Value, $"{duplicate.Groups[1].Value} is given more than once."));
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
    private static string Explain(Type body, string field, JsonException e)
    {
        var message = e.Message;
        // The serializer names the record it was building rather than the field's type, so the
        // expected kind comes from the body type's own member at that path.
        if (message.Contains("could not be converted", StringComparison.Ordinal) && TypeAt(body, field) is { } expected)
            return $"{field} must be {Words(expected)}.";
        if (ConvertedTo().Match(message) is { Success: true } converted)
            return $"{field} must be {Expected(converted.Groups[1].Value)}.";
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
            return $"The body is nested deeper than {MaxDepth} levels.";
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            return $"{field} is given more than once.";
        var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
        return $"The body is not valid JSON{where}.";
    }

    /// <summary>The declared type at "tasks[0].duration" inside <paramref name="root"/>; null when the path names no member.</summary>
    private static Type? TypeAt(Type root, string field)
    {
        if (field == "body") return null;
        var type = root;
        foreach (var segment in field.Split('.'))
        {
            var bracket = segment.IndexOf('[');
            var name = bracket < 0 ? segment : segment[..bracket];
            if (name.Length > 0)
            {
                var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
                if (property is null) return null;
                type = property.PropertyType;
            }
            for (var i = bracket; i >= 0; i = segment.IndexOf('[', i + 1))
            {
                var element = type.IsArray ? type.GetElementType()
                    : type.GetInterfaces().Append(type).FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
                if (element is null) return null;
                type = element;
            }
        }
        return type;
    }

    private static string Words(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return "a whole number within range";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "a number within range";
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(DateOnly)) return "a date written yyyy-MM-dd";
        if (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)) return "an array";
        return "an object";
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

    [GeneratedRegex(@"(?:Key: |[Pp]roperty (?:named )?')([A-Za-z0-9_$]+)")]
    private static partial Regex DuplicateKey();

    [GeneratedRegex(@"^System\.Nullable`1\[\[?([^,\]]+)")]
    private static partial Regex NullableOf();
}

public readonly record struct BodyResult<T>(T? Value, IResult? Error) where T : class;
