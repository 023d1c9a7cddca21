using Pmo.Contracts;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pmo.Domain.Documents;
using Pmo.Generator;

namespace Pmo.Load.Service;

/// <summary>What one command came back with: the change it started, or why not.</summary>
public sealed record CommandOutcome
{
    public int? Status { get; init; }
    public string? ChangeId { get; init; }
    /// <summary>"HTTP 404", "HttpRequestException", ... ; null when accepted.</summary>
    public string? ErrorKind { get; init; }
    public string? Detail { get; init; }
    /// <summary>When the request left and when its answer was read, on <see cref="RunClock"/>.</summary>
    public TimeSpan SentAt { get; init; }
    public TimeSpan AnsweredAt { get; init; }
    /// <summary>How long the service asked the caller to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool Accepted => ChangeId is not null && ErrorKind is null;

    /// <summary>
    /// Turned away before it was applied: 503 (overload) or 429 (rate limit) with <c>Retry-After</c>.
    /// The service promises such a command had no effect, so it is neither an error nor a change.
    /// </summary>
    public bool Refused => Status is 503 or 429 && RetryAfter is not null;
}

/// <summary>One monotonic clock for everything the harness measures on its side.</summary>
public static class RunClock
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static TimeSpan Now => Clock.Elapsed;
}

/// <summary>
/// The service's public HTTP contract and nothing else. Commands use a pool of at most
/// <c>connections</c> keep-alive connections; bulk calls (import, export) get their own client
/// with a long timeout so that a slow export cannot starve the command pool.
/// </summary>
public sealed class ServiceClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _commands;
    private readonly HttpClient _queries;
    private readonly HttpClient _bulk;

    /// <param name="token">Sent as <c>Authorization: Bearer</c> on every request; null for a service with authentication off.</param>
    public ServiceClient(Uri target, int connections, TimeSpan? commandTimeout = null, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        Token = token;
        _commands = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        })
        { BaseAddress = target, Timeout = commandTimeout ?? TimeSpan.FromSeconds(30) };
        // Queries (settle polls, reconciliation reads) get their own connections, so that a command
        // backlog does not delay learning that a change settled.
        _queries = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) })
        { BaseAddress = target, Timeout = commandTimeout ?? TimeSpan.FromSeconds(30) };
        _bulk = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4 })
        { BaseAddress = target, Timeout = TimeSpan.FromMinutes(30) };
        if (token is not null)
            foreach (var client in new[] { _commands, _queries, _bulk })
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Uri Target { get; }

    /// <summary>The bearer token, for the SignalR clients that go with this service client.</summary>
    public string? Token { get; }

    public Task<CommandOutcome> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>Sends a command record to its route (see <see cref="CommandRequests"/>).</summary>
    public Task<CommandOutcome> SendAsync(IPmoCommand command, CancellationToken cancellationToken)
    {
        var (method, path) = CommandRequests.Of(command);
        return SendAsync(method, path, CommandRequests.Body(command), cancellationToken);
    }

    public async Task<CommandOutcome> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        return await ExchangeAsync(_commands, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST /api/import with a document already serialised (a large one is serialised once).</summary>
    public async Task<CommandOutcome> ImportAsync(byte[] document, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/import", UriKind.Relative))
        {
            Content = new ByteArrayContent(document),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await ExchangeAsync(_bulk, request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PortfolioDocument> ExportAsync(CancellationToken cancellationToken)
    {
        using var response = await _bulk.GetAsync(new Uri("/api/export", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccess(response, "GET /api/export", cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await PortfolioJson.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public Task<ChangeStatusDto?> GetChangeAsync(string changeId, CancellationToken cancellationToken) =>
        GetAsync<ChangeStatusDto>($"/api/changes/{Uri.EscapeDataString(changeId)}", cancellationToken);

    public Task<ProjectView?> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
        GetAsync<ProjectView>($"/api/projects/{Uri.EscapeDataString(projectId)}", cancellationToken);

    public async Task<List<PortfolioView>> GetPortfoliosAsync(CancellationToken cancellationToken) =>
        await GetAsync<List<PortfolioView>>("/api/portfolios", cancellationToken).ConfigureAwait(false) ?? [];

    public Task<ResourceLoadView?> GetResourceLoadAsync(string resourceId, string? from, string? to, CancellationToken cancellationToken)
    {
        var query = from is null ? "" : $"?from={from}&to={to ?? from}";
        return GetAsync<ResourceLoadView>($"/api/resources/{Uri.EscapeDataString(resourceId)}/load{query}", cancellationToken);
    }

    public async Task<AlertPage> GetAlertsAsync(string scope, long after, int limit, CancellationToken cancellationToken) =>
        await GetAsync<AlertPage>($"/api/alerts?scope={Uri.EscapeDataString(scope)}&after={after}&limit={limit}", cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("GET /api/alerts answered 404");

    /// <summary>Every entry of the scope's alert log, oldest first, read page by page.</summary>
    public async Task<List<AlertEntry>> GetAllAlertsAsync(string scope, CancellationToken cancellationToken)
    {
        var all = new List<AlertEntry>();
        long after = 0;
        while (true)
        {
            var page = await GetAlertsAsync(scope, after, 10_000, cancellationToken).ConfigureAwait(false);
            if (page.Items.Length == 0) break;
            all.AddRange(page.Items);
            after = page.Items[^1].Seq;
            if (after >= page.LastSeq) break;
        }
        return all;
    }

    /// <summary>The body of GET /health, or null while it does not answer 200.</summary>
    public async Task<string?> HealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _queries.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Polls GET /api/changes/{id} until it says settled; null when the deadline passes first.</summary>
    public async Task<ChangeStatusDto?> WaitSettledAsync(string changeId, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(20);
        while (clock.Elapsed < deadline)
        {
            if (await GetChangeAsync(changeId, cancellationToken).ConfigureAwait(false) is { Settled: true } status) return status;
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromMilliseconds(Math.Min(500, pause.TotalMilliseconds * 1.5));
        }
        return null;
    }

    public async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await _queries.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccess(response, $"GET {path}", cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CommandOutcome> ExchangeAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sentAt = RunClock.Now;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var answeredAt = RunClock.Now;
            var status = (int)response.StatusCode;
            if (status is 200 or 201 or 202 && TryChangeId(text) is { } changeId)
                return new CommandOutcome { Status = status, ChangeId = changeId, SentAt = sentAt, AnsweredAt = answeredAt };
            return new CommandOutcome
            {
                Status = status,
                ErrorKind = status is 200 or 201 or 202 ? $"HTTP {status} without changeId" : $"HTTP {status}",
                Detail = Shorten(text),
                SentAt = sentAt,
                AnsweredAt = answeredAt,
                RetryAfter = ReadRetryAfter(response.Headers.RetryAfter),
            };
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new CommandOutcome { ErrorKind = e.GetType().Name, Detail = Shorten(e.Message), SentAt = sentAt, AnsweredAt = RunClock.Now };
        }
    }

    /// <summary>Retry-After as a delay: delta-seconds as given, an HTTP date as the time left until it (never negative).</summary>
    internal static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : TimeSpan.Zero,
        _ => null,
    };

    private static string? TryChangeId(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ChangeAcceptedDto>(text, Json)?.ChangeId;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task EnsureSuccess(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {Shorten(body)}", null, response.StatusCode);
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";

    public void Dispose()
    {
        _commands.Dispose();
        _queries.Dispose();
        _bulk.Dispose();
    }
}
