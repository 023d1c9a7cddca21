using System.Globalization;
using System.Text.Json;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>Reading answers with failure messages that show the JSON that was there.</summary>
public static class JsonElementReading
{
    public static JsonElement Prop(this JsonElement element, string name)
    {
        Assert.True(element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _),
            $"Expected a member '{name}' in {Short(element)}");
        return element.GetProperty(name);
    }

    public static string Str(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(value.ValueKind is JsonValueKind.String, $"'{name}' should be a string in {Short(element)}");
        return value.GetString()!;
    }

    /// <summary>A string member that may be null (or absent, as a null is when the writer omits nulls).</summary>
    public static string? OptStr(this JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object && !element.TryGetProperty(name, out _)) return null;
        var value = element.Prop(name);
        Assert.True(value.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"'{name}' should be a string or null in {Short(element)}");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    public static decimal Dec(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(value.ValueKind == JsonValueKind.Number, $"'{name}' should be a number in {Short(element)}");
        return value.GetDecimal();
    }

    public static int Int(this JsonElement element, string name) => (int)element.Dec(name);

    public static long Long(this JsonElement element, string name) => (long)element.Dec(name);

    public static bool Bool(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"'{name}' should be a boolean in {Short(element)}");
        return value.GetBoolean();
    }

    public static List<JsonElement> Arr(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(value.ValueKind == JsonValueKind.Array, $"'{name}' should be an array in {Short(element)}");
        return [.. value.EnumerateArray()];
    }

    public static List<string> Strings(this JsonElement element, string name) =>
        [.. element.Arr(name).Select(e => e.GetString() ?? "")];

    public static DateTimeOffset Instant(this JsonElement element, string name)
    {
        var text = element.Str(name);
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant),
            $"'{name}' should be an ISO-8601 instant in {Short(element)}");
        return instant;
    }

    public static bool Has(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public static string Short(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 1500 ? text : text[..1500] + "…";
    }
}
