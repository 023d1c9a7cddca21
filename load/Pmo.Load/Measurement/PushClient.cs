using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Pmo.Load.Measurement;

/// <summary>A changeSettled event as a client received it.</summary>
public sealed record SettledPush(TimeSpan ArrivedAt, DateTimeOffset? SettledAt, int GrainsTouched, int AlertsRaised);

/// <summary>What every push client of a scenario saw, keyed by changeId: the first alert and the settlement.</summary>
public sealed class PushObservations
{
    private long _resyncs;

    public ConcurrentDictionary<string, TimeSpan> FirstAlert { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, SettledPush> Settled { get; } = new(StringComparer.Ordinal);

    public long Resyncs => Interlocked.Read(ref _resyncs);

    public void NoteResync() => Interlocked.Increment(ref _resyncs);

    public void NoteAlert(string changeId, TimeSpan at) =>
        FirstAlert.AddOrUpdate(changeId, at, (_, seen) => seen <= at ? seen : at);

    public void NoteSettled(string changeId, SettledPush push) =>
        Settled.AddOrUpdate(changeId, push, (_, seen) => seen.ArrivedAt <= push.ArrivedAt ? seen : push);
}

/// <summary>
/// One real SignalR client of /hubs/portfolio over WebSockets, subscribed with Subscribe(scope)
/// (one argument: live pushes only). Counts what it receives and reports alerts and settlements
/// to the shared <see cref="PushObservations"/>.
/// </summary>
public sealed class PushClient : IAsyncDisposable
{
    private static readonly string[] SummaryEvents = ["projectChanged", "portfolioChanged", "resourceChanged"];

    private readonly HubConnection _connection;
    private readonly PushObservations _observations;
    private long _messages;
    private long _items;
    private long _alerts;

    private PushClient(HubConnection connection, string name, IReadOnlyList<string> scopes, PushObservations observations)
    {
        _connection = connection;
        _observations = observations;
        Name = name;
        Scopes = scopes;
    }

    public string Name { get; }
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Hub invocations received (one batch counts once).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Items received, counting each element of a batched array.</summary>
    public long Items => Interlocked.Read(ref _items);

    public long Alerts => Interlocked.Read(ref _alerts);

    /// <param name="token">With authentication on: the bearer token, sent as the hub's <c>access_token</c> query parameter.</param>
    public static async Task<PushClient> ConnectAsync(Uri target, string? token, string name, IReadOnlyList<string> scopes, PushObservations observations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var connection = new HubConnectionBuilder()
            .WithUrl(HubAddress(target, token), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                // The .NET client would send the provider's token as a header; CONTRACT.md promises the
                // query parameter (what a browser can send), so the address above carries it as well.
                if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        var client = new PushClient(connection, name, scopes, observations);
        client.Listen();
        await connection.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var scope in scopes)
            await connection.InvokeAsync("Subscribe", scope, cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>The hub's address, with the token as <c>access_token</c> when there is one.</summary>
    public static Uri HubAddress(Uri target, string? token)
    {
        var hub = new Uri(target, "/hubs/portfolio");
        return token is null ? hub : new UriBuilder(hub) { Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
    }

    private void Listen()
    {
        _connection.On<JsonElement>("alert", payload =>
        {
            var at = RunClock.Now;
            Count(payload);
            foreach (var alert in Elements(payload))
            {
                Interlocked.Increment(ref _alerts);
                if (alert.TryGetProperty("changeId", out var id) && id.GetString() is { } changeId)
                    _observations.NoteAlert(changeId, at);
            }
        });
        _connection.On<JsonElement>("changeSettled", payload =>
        {
            var at = RunClock.Now;
            Count(payload);
            foreach (var settled in Elements(payload))
            {
                if (!settled.TryGetProperty("changeId", out var id) || id.GetString() is not { } changeId) continue;
                _observations.NoteSettled(changeId, new SettledPush(
                    at,
                    settled.TryGetProperty("settledAt", out var s) && s.ValueKind == JsonValueKind.String ? s.GetDateTimeOffset() : null,
                    settled.TryGetProperty("grainsTouched", out var g) && g.ValueKind == JsonValueKind.Number ? g.GetInt32() : 0,
                    settled.TryGetProperty("alertsRaised", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt32() : 0));
            }
        });
        foreach (var name in SummaryEvents) _connection.On<JsonElement>(name, Count);
        _connection.On<JsonElement>("resync", payload =>
        {
            Count(payload);
            _observations.NoteResync();
        });
    }

    private void Count(JsonElement payload)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _items, payload.ValueKind == JsonValueKind.Array ? payload.GetArrayLength() : 1);
    }

    private static IEnumerable<JsonElement> Elements(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Array ? payload.EnumerateArray() : [payload];

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.StopAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            // Already gone: nothing left to close.
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
