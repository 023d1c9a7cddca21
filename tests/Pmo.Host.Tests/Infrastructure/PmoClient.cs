using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>A body sent exactly as written (malformed JSON, explicit nulls, wrong types).</summary>
public sealed record RawJson(string Text);

/// <summary>An accepted command that has settled: its changeId and the final GET /api/changes/{id}.</summary>
public sealed record SettledChange(string ChangeId, JsonElement Status);

/// <summary>
/// HTTP helper over one host: sends JSON, turns 202 + changeId into a settled change by polling
/// GET /api/changes/{id} (never a fixed sleep), and checks refusals (problem details, the bad field
/// named, and an export byte-for-byte unchanged).
/// </summary>
public sealed class PmoClient : IDisposable
{
    public static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(30);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HostProcess _host;
    private readonly HttpClient _http;

    /// <param name="token">A bearer token sent with every request (a host with authentication on).</param>
    public PmoClient(HostProcess host, string? token = null)
    {
        _host = host;
        _http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    public string HostLog => _host.Log;

    public void Dispose() => _http.Dispose();

    // ---- sending ----

    /// <summary>
    /// Sends as a well-behaved client does: a 503 with Retry-After (the service shedding load on a busy
    /// machine) is sent again after the wait it names, a few times at most. A 429 is returned as it is:
    /// the tests that provoke one are about it.
    /// </summary>
    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = Content(body) };
            var response = await SendDisposingRequest(request);
            if (attempt >= MaxAttempts || body is HttpContent || RetryAfter(response) is not { } wait) return response;
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    private const int MaxAttempts = 10;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.ServiceUnavailable
            ? response.Headers.RetryAfter?.Delta
            : null;

    public async Task<HttpResponseMessage> SendDisposingRequest(HttpRequestMessage request)
    {
        using (request)
            return await _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> Post(string path, object? body = null) => Send(HttpMethod.Post, path, body);
    public Task<HttpResponseMessage> Put(string path, object? body = null) => Send(HttpMethod.Put, path, body);
    public Task<HttpResponseMessage> Delete(string path, object? body = null) => Send(HttpMethod.Delete, path, body);

    private static HttpContent? Content(object? body) => body switch
    {
        null => null,
        HttpContent content => content,
        RawJson raw => new StringContent(raw.Text, Encoding.UTF8, "application/json"),
        _ => new StringContent(JsonSerializer.Serialize(body, body.GetType(), Json), Encoding.UTF8, "application/json"),
    };

    // ---- commands ----

    /// <summary>Sends a command, expects 202 (or 200/201) with a changeId, and waits until it settles.</summary>
    public async Task<SettledChange> Command(HttpMethod method, string path, object? body = null)
    {
        using var response = await Send(method, path, body);
        var changeId = await AcceptedChangeId(response, $"{method} {path}");
        return new SettledChange(changeId, await WaitSettled(changeId));
    }

    public Task<SettledChange> Import(object document) => Command(HttpMethod.Post, "/api/import", document);

    /// <summary>Sends a command and expects 202 (or 200/201) with a changeId, without waiting for it to settle.
    /// <c>AcceptedAt</c> is the <see cref="Stopwatch"/> timestamp at which the response arrived.</summary>
    public async Task<(string ChangeId, long AcceptedAt)> Accept(HttpMethod method, string path, object? body = null)
    {
        using var response = await Send(method, path, body);
        var acceptedAt = Stopwatch.GetTimestamp();
        return (await AcceptedChangeId(response, $"{method} {path}"), acceptedAt);
    }

    public async Task<string> AcceptedChangeId(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Created,
            $"{what} answered {(int)response.StatusCode} instead of 202: {text}{Environment.NewLine}{HostLog}");
        using var json = JsonDocument.Parse(text);
        Assert.True(json.RootElement.TryGetProperty("changeId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 },
            $"{what} answered {(int)response.StatusCode} without a changeId: {text}");
        return id.GetString()!;
    }

    /// <summary>Polls GET /api/changes/{changeId} until its status is "settled" (30 s at most).</summary>
    public async Task<JsonElement> WaitSettled(string changeId)
    {
        var clock = Stopwatch.StartNew();
        var last = "nothing";
        while (true)
        {
            using (var response = await _http.GetAsync(new Uri($"/api/changes/{Uri.EscapeDataString(changeId)}", UriKind.Relative)))
            {
                var text = await response.Content.ReadAsStringAsync();
                last = $"{(int)response.StatusCode} {text}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var status = JsonDocument.Parse(text).RootElement.Clone();
                    if (status.TryGetProperty("status", out var s) && s.GetString() == "settled") return status;
                }
            }
            if (clock.Elapsed > SettleDeadline)
                Assert.Fail($"Change {changeId} did not settle within {SettleDeadline.TotalSeconds:0} s; GET /api/changes/{changeId} last answered {last}{Environment.NewLine}{HostLog}");
            await Task.Delay(25);
        }
    }

    // ---- queries ----

    /// <summary>GET that must answer 200 with JSON.</summary>
    public async Task<JsonElement> Get(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}{Environment.NewLine}{HostLog}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<HttpStatusCode> StatusOf(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>GET /api/export exactly as the host wrote it.</summary>
    public async Task<string> Export()
    {
        using var response = await _http.GetAsync(new Uri("/api/export", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/export answered {(int)response.StatusCode}: {text}{Environment.NewLine}{HostLog}");
        return text;
    }

    public async Task<JsonElement> ExportJson() => JsonDocument.Parse(await Export()).RootElement.Clone();

    public Task<JsonElement> Project(string id) => Get($"/api/projects/{id}");

    public async Task<JsonElement> TaskOf(string projectId, string taskId)
    {
        var project = await Project(projectId);
        return project.Arr("tasks").Single(t => t.Str("id") == taskId);
    }

    public Task<JsonElement> Portfolio(string id) => Get($"/api/portfolios/{id}");

    public Task<JsonElement> Alerts(string query) => Get($"/api/alerts{query}");

    /// <summary>Every entry of a scope's alert log with seq &gt; <paramref name="after"/>, read page by page.</summary>
    public async Task<List<JsonElement>> AllAlerts(string scope, long after = 0, int pageSize = 500)
    {
        var items = new List<JsonElement>();
        while (true)
        {
            var page = (await Alerts($"?scope={Uri.EscapeDataString(scope)}&after={after}&limit={pageSize}")).Arr("items");
            if (page.Count == 0) return items;
            items.AddRange(page);
            after = page[^1].Long("seq");
        }
    }

    /// <summary>The newest seq of a scope's log (0 when it is empty).</summary>
    public async Task<long> LastSeq(string scope) =>
        (await Alerts($"?scope={Uri.EscapeDataString(scope)}&limit=1")).Long("lastSeq");

    // ---- refusals ----

    /// <summary>
    /// Sends a request that must be refused: checks the status, problem details (application/problem+json,
    /// a human detail), that the errors map names each of <paramref name="fields"/>, and that GET /api/export
    /// and the alert log are exactly as before. Returns the problem for further checks.
    /// </summary>
    public async Task<JsonElement> RefusedWithoutChange(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, params string[] fields)
    {
        var exportBefore = await Export();
        var alertsBefore = (await Alerts("")).Long("lastSeq");
        JsonElement problem;
        using (var response = await send())
            problem = await AssertProblem(response, status, fields);
        var exportAfter = await Export();
        Assert.True(exportBefore == exportAfter,
            $"A refused request ({(int)status}) changed GET /api/export.{Environment.NewLine}before: {Excerpt(exportBefore)}{Environment.NewLine}after:  {Excerpt(exportAfter)}{Environment.NewLine}first difference at {FirstDifference(exportBefore, exportAfter)}");
        Assert.Equal(alertsBefore, (await Alerts("")).Long("lastSeq"));
        return problem;
    }

    public Task<JsonElement> RefusedWithoutChange(HttpMethod method, string path, object? body, HttpStatusCode status, params string[] fields) =>
        RefusedWithoutChange(() => Send(method, path, body), status, fields);

    public async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.True(response.StatusCode == status, $"{what} answered {(int)response.StatusCode} instead of {(int)status}: {text}{Environment.NewLine}{HostLog}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{what} answered {(int)response.StatusCode} as {response.Content.Headers.ContentType} rather than application/problem+json: {text}");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(problem.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 }, $"{what}: the problem has no human detail: {text}");
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any(),
                $"{what}: a 400 must carry an errors map naming the bad fields: {text}");
            var keys = errors.EnumerateObject().Select(p => p.Name).ToList();
            foreach (var field in fields)
                Assert.True(keys.Any(k => Names(k, field)), $"{what}: the errors map does not name '{field}' (it names {string.Join(", ", keys)}): {text}");
        }
        return problem;
    }

    /// <summary>"projects[0].tasks[1].duration" names "duration" and "tasks[1].duration"; "days" names "days".</summary>
    public static bool Names(string key, string field) =>
        string.Equals(key, field, StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("." + field, StringComparison.OrdinalIgnoreCase);

    private static string Excerpt(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    private static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        var from = Math.Max(0, i - 80);
        return $"char {i}: before …{a[from..Math.Min(a.Length, i + 120)]}… after …{b[from..Math.Min(b.Length, i + 120)]}…";
    }
}
