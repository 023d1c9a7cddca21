using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pmo.Host.Tests.Access;

/// <summary>
/// What an attacker would send: 1,000 seeded mutations of a valid portfolio document and of every command
/// body — wrong types, numbers no field can hold, nesting 5,000 deep, truncated JSON, 1 MB strings, unknown
/// enum values, duplicate keys, the wrong content type. Every answer is a 4xx with no stack trace and no
/// .NET type name, and the enterprise is exactly as it was.
/// </summary>
[Collection(SecuredHostCollection.Name)]
public sealed partial class MalformedRequestTests(SecuredHostFixture fixture, ITestOutputHelper output)
{
    private const int Mutations = 1_000;
    private const int Seed = 20261130;

    private sealed record Target(string Method, string Path, string ValidBody);

    [Fact]
    public async Task A_thousand_seeded_mutations_answer_4xx_without_internals_and_change_nothing()
    {
        var w = await AccessWorld.Create(fixture.Pmo, "fuzz");
        var targets = Targets(w);
        var before = await fixture.Pmo.Export();
        var alertsBefore = await fixture.Pmo.LastSeq("all");
        var random = new Random(Seed);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Mutations; i++)
        {
            var target = targets[i % targets.Count];
            var (kind, body, contentType) = Mutate(target.ValidBody, random);
            using var request = new HttpRequestMessage(new HttpMethod(target.Method), new Uri(target.Path, UriKind.Relative))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            // A body over the limit is refused before it is sent, rather than cut off mid-send.
            request.Headers.ExpectContinue = true;
            using var response = await fixture.Pmo.SendDisposingRequest(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            var what = $"#{i} {kind} {target.Method} {target.Path} ({Excerpt(body)}) answered {status}: {Excerpt(text)}";
            if (status is < 400 or >= 500) failures.Add(what);
            else if (Internals().IsMatch(text)) failures.Add($"{what} — names internals");
        }
        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {Mutations} mutations were not refused cleanly:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(40))}{Environment.NewLine}{fixture.Host.Log}");
        Assert.Equal(before, await fixture.Pmo.Export());
        Assert.Equal(alertsBefore, await fixture.Pmo.LastSeq("all"));
    }

    [Fact]
    public async Task A_duplicate_key_a_blank_parent_and_a_wrong_type_are_400s_naming_the_field_in_plain_words()
    {
        var w = await AccessWorld.Create(fixture.Pmo, "plain");
        var api = fixture.Pmo;
        var duplicate = await api.RefusedWithoutChange(HttpMethod.Put, $"/api/portfolios/{w.InEmpty}", new RawJson("{\"name\":\"A\",\"name\":\"B\"}"), HttpStatusCode.BadRequest, "name");
        Assert.DoesNotMatch(Internals(), duplicate.GetRawText());
        await api.RefusedWithoutChange(HttpMethod.Put, $"/api/portfolios/{w.InEmpty}", new RawJson("{\"parentId\":\"  \"}"), HttpStatusCode.BadRequest, "parentId");
        await api.RefusedWithoutChange(HttpMethod.Put, $"/api/portfolios/{w.InEmpty}", new RawJson("{\"parentId\":\"\"}"), HttpStatusCode.BadRequest, "parentId");
        var moved = await api.RefusedWithoutChange(HttpMethod.Post, $"/api/projects/{w.InProject}/move", new RawJson("{\"portfolioId\": 7}"), HttpStatusCode.BadRequest, "portfolioId");
        Assert.Contains("portfolioId must be a string", moved.GetRawText(), StringComparison.Ordinal);
        var slip = await api.RefusedWithoutChange(HttpMethod.Post, $"/api/projects/{w.InProject}/tasks/t1/slip", new RawJson("{\"days\": 1.5}"), HttpStatusCode.BadRequest, "days");
        Assert.Contains("days must be a whole number", slip.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotMatch(Internals(), moved.GetRawText() + slip.GetRawText());
        // null keeps meaning "make a root".
        await api.Command(HttpMethod.Put, $"/api/portfolios/{w.InEmpty}", new RawJson("{\"parentId\": null}"));
        Assert.Null((await api.Portfolio(w.InEmpty)).OptStr("parentId"));
    }

    private static List<Target> Targets(AccessWorld w)
    {
        var document = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(w.Document(), PmoClient.Json))!;
        // The same ids: a mutation that happened to stay valid would upsert what is there, never add.
        return
        [
            new("POST", "/api/import", document.ToJsonString()),
            new("POST", "/api/import", document.ToJsonString()),
            new("POST", $"/api/projects/{w.InProject}/tasks/t1/slip", """{"days": 5, "reason": "vendor late"}"""),
            new("POST", $"/api/projects/{w.InProject}/tasks/t1/progress", """{"percentComplete": 40, "actualCost": 12000}"""),
            new("PUT", $"/api/projects/{w.InProject}/budget", """{"budget": 300000}"""),
            new("POST", $"/api/projects/{w.InProject}/assignments", $$"""{"taskId": "t1", "resourceId": "{{w.Resource}}", "units": 0.5}"""),
            new("POST", $"/api/projects/{w.InProject}/move", $$"""{"portfolioId": "{{w.InEmpty}}"}"""),
            new("POST", $"/api/resources/{w.Resource}/move", """{"pool": "Platform"}"""),
            new("PUT", $"/api/portfolios/{w.InEmpty}", $$"""{"name": "Renamed", "parentId": "{{w.Out}}", "budget": 900000}"""),
            new("POST", "/api/crosslinks", $$"""{"fromProject": "{{w.InProject}}", "fromTask": "t1", "toProject": "{{w.InProject2}}", "toTask": "t2", "type": "SS", "lag": 2}"""),
            new("DELETE", "/api/crosslinks", $$"""{"fromProject": "{{w.InProject}}", "fromTask": "t2", "toProject": "{{w.InProject2}}", "toTask": "t1", "type": "FS", "lag": 0}"""),
        ];
    }

    /// <summary>One mutation that no reading of the contract can accept.</summary>
    private static (string Kind, string Body, string ContentType) Mutate(string valid, Random random)
    {
        const string json = "application/json";
        switch (random.Next(9))
        {
            case 0: return ("wrong type", Replace(valid, random, node => WrongType(node, random)), json);
            case 1: return ("huge number", Replace(valid, random, node => node is JsonValue v && IsNumber(v) ? JsonNode.Parse(Huge(random)) : null), json);
            case 2:
                var marked = Replace(valid, random, _ => JsonValue.Create("@@deep@@"));
                return ("depth 5,000", marked.Replace("\"@@deep@@\"", new string('[', 5_000) + new string(']', 5_000), StringComparison.Ordinal), json);
            case 3: return ("truncated", valid[..random.Next(1, valid.Length - 1)], json);
            case 4: return ("1 MB string", Replace(valid, random, node => node is JsonValue v && !IsNumber(v) ? JsonValue.Create(new string('x', 1_048_576)) : null), json);
            case 5: return ("unknown enum value", UnknownEnum(valid, random), json);
            case 6: return ("duplicate key", Duplicate(valid, random), json);
            case 7: return ("wrong content type", valid, random.Next(3) switch { 0 => "text/plain", 1 => "application/xml", _ => "application/x-www-form-urlencoded" });
            default: return ("not json", random.Next(3) switch { 0 => "<xml/>", 1 => "{'days': 5}", _ => "{\"days\": 5,}" }, json);
        }
    }

    private static bool IsNumber(JsonValue value) => value.GetValueKind() == System.Text.Json.JsonValueKind.Number;

    private static string Huge(Random random) => random.Next(4) switch
    {
        0 => "1e400",
        1 => "-1e400",
        2 => "123456789012345678901234567890123456789",
        _ => "-98765432109876543210987654321098765432",
    };

    private static JsonNode WrongType(JsonNode node, Random random) => node switch
    {
        JsonObject => JsonValue.Create("an object was expected here")!,
        JsonArray => JsonValue.Create(42)!,
        JsonValue v when IsNumber(v) => random.Next(3) switch { 0 => JsonValue.Create("five")!, 1 => new JsonObject(), _ => JsonValue.Create(true)! },
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => random.Next(3) switch { 0 => JsonValue.Create(7)!, 1 => new JsonArray(), _ => JsonValue.Create(false)! },
        _ => JsonValue.Create("x")!,
    };

    /// <summary>Replaces one randomly chosen value (the root included) for which <paramref name="make"/> gives a replacement.</summary>
    private static string Replace(string valid, Random random, Func<JsonNode, JsonNode?> make)
    {
        var root = JsonNode.Parse(valid)!;
        var candidates = new List<(JsonNode Node, JsonNode? Parent, object Key)>();
        void Walk(JsonNode node, JsonNode? parent, object key)
        {
            candidates.Add((node, parent, key));
            if (node is JsonObject o) foreach (var (k, v) in o.ToList()) { if (v is not null) Walk(v, o, k); }
            else if (node is JsonArray a) for (var i = 0; i < a.Count; i++) { if (a[i] is { } v) Walk(v, a, i); }
        }
        Walk(root, null, "");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (node, parent, key) = candidates[random.Next(candidates.Count)];
            // The root may only change type: an import of "[]" or a 5,000-deep root are mutations too.
            if (make(node) is not { } replacement) continue;
            if (parent is null) return replacement.ToJsonString();
            if (parent is JsonObject o) o[(string)key] = replacement;
            else ((JsonArray)parent)[(int)key] = replacement;
            return root.ToJsonString();
        }
        return "{\"days\": \"not found a value to mutate\"}";
    }

    private static string UnknownEnum(string valid, Random random)
    {
        var replaced = LinkType().Replace(valid, m => $"{m.Groups[1].Value}\"{(random.Next(2) == 0 ? "XX" : "fs-ish")}\"", 1);
        if (replaced != valid) return replaced;
        // A command without an enum gets one where a number belongs: still a value no field takes.
        return Replace(valid, random, node => node is JsonValue v && IsNumber(v) ? JsonValue.Create("Monday") : null);
    }

    private static string Duplicate(string valid, Random random)
    {
        var root = JsonNode.Parse(valid)!.AsObject();
        var (name, value) = root.ToList()[random.Next(root.Count)];
        var again = value?.ToJsonString() ?? "null";
        return "{" + $"\"{name}\": {again}, " + valid.TrimStart()[1..];
    }

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + $"… ({text.Length:N0} chars)";

    [GeneratedRegex("(\"type\"\\s*:\\s*)\"(?:FS|SS|FF|SF)\"")]
    private static partial Regex LinkType();

    /// <summary>A stack trace, an exception, or a .NET type name.</summary>
    [GeneratedRegex(@"\bat [A-Z][\w.]+\(|Exception|\b(System|Microsoft|Pmo|Orleans)\.[A-Z]\w*|`1\[")]
    private static partial Regex Internals();
}
