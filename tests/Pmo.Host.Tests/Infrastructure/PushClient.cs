using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>
/// One item a hub client was sent. A payload that is an array (a batch) is split into its items, which
/// share the <see cref="Message"/> number: the count of invocations of that event type so far.
/// </summary>
public sealed record PushEvent(int Index, string Type, int Message, JsonElement Payload, long ReceivedAt)
{
    public string? ChangeId =>
        Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty("changeId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>An alert's seq (-1 for anything else).</summary>
    public long Seq =>
        Type == PushClient.AlertEvent && Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number
            ? seq.GetInt64()
            : -1;

    public override string ToString() => $"#{Index} {Type} (message {Message}) {JsonElementReading.Short(Payload)}";
}

/// <summary>
/// A real SignalR client (Microsoft.AspNetCore.SignalR.Client over WebSockets, negotiation skipped) on
/// /hubs/portfolio of one host. Records everything the server sends, in arrival order, and lets a test
/// wait for an item that matches (already there or still to come) with a deadline: tests synchronise on
/// events, never on sleeps.
/// </summary>
public sealed class PushClient : IAsyncDisposable
{
    public const string AlertEvent = "alert";
    public const string SettledEvent = "changeSettled";
    public const string ResyncEvent = "resync";

    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(15);

    /// <summary>Every server-to-client method of CONTRACT.md "Live push".</summary>
    public static readonly string[] EventTypes =
        [AlertEvent, "projectChanged", "portfolioChanged", "resourceChanged", SettledEvent, ResyncEvent];

    private readonly object _gate = new();
    private readonly List<PushEvent> _events = [];
    private readonly Dictionary<string, int> _messages = [];
    private readonly List<Waiter> _waiters = [];
    private readonly HostProcess _host;
    private bool _closed;
    private Exception? _closedWith;

    private sealed record Waiter(Func<PushEvent, bool> Match, TaskCompletionSource<PushEvent> Done);

    private PushClient(HostProcess host, string name, string? token = null)
    {
        _host = host;
        Name = name;
        Connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/portfolio"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                // Sent as the access_token query parameter on the WebSocket, as a browser would.
                if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        foreach (var type in EventTypes)
            Connection.On<JsonElement>(type, payload => Receive(type, payload));
        Connection.Closed += error =>
        {
            lock (_gate)
            {
                _closed = true;
                _closedWith = error;
            }
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public string Name { get; }

    public HostProcess Host => _host;

    /// <summary>Connects (WebSockets only) and fails the test with the host's log when the hub does not answer.</summary>
    public static async Task<PushClient> ConnectAsync(HostProcess host, string name = "client", string? token = null)
    {
        var client = new PushClient(host, name, token);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.Connection.StartAsync(deadline.Token);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            await client.DisposeAsync();
            Assert.Fail($"{name}: the hub /hubs/portfolio at {host.BaseAddress} did not accept a WebSocket connection: {e.GetType().Name}: {e.Message}{Environment.NewLine}{host.Log}");
        }
        return client;
    }

    /// <summary>Subscribe(scope): one argument, live alerts only.</summary>
    public Task Subscribe(string scope) => Connection.InvokeAsync("Subscribe", scope);

    /// <summary>Subscribe(scope, afterSeq): the logged alerts after afterSeq first, then live ones.</summary>
    public Task Subscribe(string scope, long afterSeq) => Connection.InvokeAsync("Subscribe", scope, afterSeq);

    public Task Unsubscribe(string scope) => Connection.InvokeAsync("Unsubscribe", scope);

    public Task StopAsync() => Connection.StopAsync();

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    // ---- what arrived ----

    public IReadOnlyList<PushEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    public IReadOnlyList<PushEvent> Alerts
    {
        get { lock (_gate) return [.. _events.Where(e => e.Type == AlertEvent)]; }
    }

    /// <summary>How many times the server invoked <paramref name="type"/> on this client (a batch counts once).</summary>
    public int MessagesOf(string type)
    {
        lock (_gate) return _messages.GetValueOrDefault(type);
    }

    private void Receive(string type, JsonElement payload)
    {
        var at = Stopwatch.GetTimestamp();
        List<JsonElement> items = payload.ValueKind == JsonValueKind.Array
            ? [.. payload.EnumerateArray().Select(item => item.Clone())]
            : [payload.Clone()];
        lock (_gate)
        {
            var message = _messages[type] = _messages.GetValueOrDefault(type) + 1;
            foreach (var item in items)
            {
                var received = new PushEvent(_events.Count, type, message, item, at);
                _events.Add(received);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (!_waiters[i].Match(received)) continue;
                    _waiters[i].Done.TrySetResult(received);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    // ---- waiting ----

    /// <summary>The first item (from index <paramref name="from"/> on) that matches, waiting for it up to the deadline;
    /// fails the test with what did arrive when nothing matches in time.</summary>
    public async Task<PushEvent> WaitFor(string what, Func<PushEvent, bool> match, TimeSpan? deadline = null, int from = 0)
    {
        var limit = deadline ?? DefaultDeadline;
        if (await TryWaitFor(match, limit, from) is { } found) return found;
        Assert.Fail($"{Name}: {what} did not arrive within {limit.TotalSeconds:0.#} s.{Environment.NewLine}{Describe()}{Environment.NewLine}{_host.Log}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>As <see cref="WaitFor"/>, but null when nothing matches in time (the caller reports it).</summary>
    public async Task<PushEvent?> TryWaitFor(Func<PushEvent, bool> match, TimeSpan deadline, int from = 0)
    {
        Waiter waiter;
        lock (_gate)
        {
            for (var i = from; i < _events.Count; i++)
                if (match(_events[i])) return _events[i];
            waiter = new Waiter(match, new TaskCompletionSource<PushEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
        }
        try
        {
            return await waiter.Done.Task.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            lock (_gate) _waiters.Remove(waiter);
            return null;
        }
    }

    public Task<PushEvent> AlertOf(string changeId, TimeSpan? deadline = null) =>
        WaitFor($"an alert of change {changeId}", e => e.Type == AlertEvent && e.ChangeId == changeId, deadline);

    public Task<PushEvent> AlertWithSeq(long seq, TimeSpan? deadline = null) =>
        WaitFor($"the alert with seq {seq}", e => e.Type == AlertEvent && e.Seq == seq, deadline);

    public Task<PushEvent> SettledOf(string changeId, TimeSpan? deadline = null) =>
        WaitFor($"changeSettled of change {changeId}", e => e.Type == SettledEvent && e.ChangeId == changeId, deadline);

    /// <summary>The connection state and the last items received, for failure messages.</summary>
    public string Describe(int last = 30)
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            text.Append($"{Name} ({Connection.State}{(_closed ? $", closed: {_closedWith?.Message ?? "no error"}" : "")}) received {_events.Count} item(s)");
            text.Append($" in {string.Join(", ", _messages.Select(m => $"{m.Value} {m.Key} message(s)"))}");
            foreach (var item in _events.Skip(Math.Max(0, _events.Count - last)))
                text.Append(Environment.NewLine).Append("  ").Append(item);
            return text.ToString();
        }
    }
}
