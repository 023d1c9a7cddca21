using Microsoft.AspNetCore.SignalR;
using Pmo.Contracts;
using Pmo.Grains.Alerts;

namespace Pmo.Host.Push;

public sealed partial class PushRouter
{
    /// <summary>
    /// Subscribes a connection. With <paramref name="afterSeq"/>, the scope's logged alerts after it are
    /// sent first, in order; live alerts of the scope that arrive meanwhile wait in a buffer and follow
    /// without a gap (the log page reads up to its end) and without a duplicate (the buffer keeps only
    /// seqs after the last replayed one).
    /// </summary>
    public async Task Subscribe(string connectionId, string scope, long? afterSeq, System.Security.Claims.ClaimsPrincipal? limitedTo = null)
    {
        var feed = _feeds.GetOrAdd(connectionId, id => StartFeed(new ClientFeed(id) { LimitedTo = limitedTo, Grants = Grants(limitedTo) }));
        lock (feed.Gate)
        {
            if (feed.Scopes.Count + feed.CatchingUp.Count >= options.MaxScopesPerClient && !feed.Scopes.Contains(scope))
                throw new HubException($"A connection may subscribe to at most {options.MaxScopesPerClient} scopes.");
            if (afterSeq is null)
            {
                feed.Floor.Remove(scope);
                feed.Scopes.Add(scope);
                return;
            }
            feed.Scopes.Remove(scope);
            feed.CatchingUp[scope] = [];
        }

        var after = afterSeq.Value;
        while (true)
        {
            var page = await Log.Query(scope, after, 1000);
            lock (feed.Gate)
            {
                foreach (var entry in page.Items) Enqueue(feed, entry);
            }
            if (page.Items.Length == 0) break;
            after = page.Items[^1].Seq;
        }

        lock (_gate)
        lock (feed.Gate)
        {
            if (feed.CatchingUp.Remove(scope, out var buffered))
                foreach (var entry in buffered.Where(e => e.Seq > after).OrderBy(e => e.Seq)) Enqueue(feed, entry);
            // What the replay covered is never sent again, however late the router dispatches it.
            feed.Floor[scope] = Math.Max(after, buffered?.Count > 0 ? buffered.Max(e => e.Seq) : after);
            feed.Scopes.Add(scope);
        }
    }

    /// <summary>
    /// Registers an in-process subscriber under <paramref name="feedId"/>; then <see cref="Subscribe"/>,
    /// <see cref="Unsubscribe"/> and <see cref="Disconnected"/> take that id like a connection id.
    /// </summary>
    public void Attach(string feedId, IPushSink sink) =>
        _feeds.GetOrAdd(feedId, id => StartFeed(new ClientFeed(id) { Sink = sink }));

    public void Unsubscribe(string connectionId, string scope)
    {
        if (!_feeds.TryGetValue(connectionId, out var feed)) return;
        lock (feed.Gate)
        {
            feed.Scopes.Remove(scope);
            feed.CatchingUp.Remove(scope);
        }
    }

    public void Disconnected(string connectionId)
    {
        if (_feeds.TryRemove(connectionId, out var feed)) feed.Stop.Cancel();
    }

    private static HashSet<string>? Grants(System.Security.Claims.ClaimsPrincipal? user) =>
        user is null ? null : [.. Pmo.Host.Access.Caller.From(user).Portfolios];

    /// <summary>Checks a scope's shape and that what it names exists and is the caller's to see; a hub error otherwise.</summary>
    public async Task Validate(string? scope, System.Security.Claims.ClaimsPrincipal user, Pmo.Host.Access.PortfolioAccess access)
    {
        await Validate(scope);
        AlertScope.TryParse(scope, out var parsed);
        var visible = parsed.Kind switch
        {
            "portfolio" => await access.CanSeePortfolio(user, parsed.Id!),
            "project" => await access.CanSeeProject(user, parsed.Id!),
            _ => Pmo.Host.Access.Caller.From(user).MayRead,
        };
        if (!visible) throw new HubException($"Unknown scope '{scope}': no {parsed.Kind} with id '{parsed.Id}'.");
    }

    /// <summary>Checks a scope's shape and that what it names exists; a hub error otherwise.</summary>
    public async Task Validate(string? scope)
    {
        if (scope is null || !AlertScope.TryParse(scope, out var parsed) || scope.Length > 200 || (scope != "all" && parsed == AlertScope.All))
            throw new HubException($"Unknown scope '{scope}': use all, portfolio:{{id}}, project:{{id}} or resource:{{id}}.");
        var exists = parsed.Kind switch
        {
            "portfolio" => await grains.GetGrain<IPortfolioGrain>(parsed.Id!).GetView() is not null,
            "project" => await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).HasProject(parsed.Id!),
            "resource" => await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).HasResource(parsed.Id!),
            _ => true,
        };
        if (!exists) throw new HubException($"Unknown scope '{scope}': no {parsed.Kind} with id '{parsed.Id}'.");
    }

    public Func<string, ISingleClientProxy>? ClientProxy { get; set; }

    private ClientFeed StartFeed(ClientFeed feed)
    {
        _ = Task.Run(() => Pump(feed));
        return feed;
    }

    /// <summary>One per connection: waits for work, lets a batch window gather more, then sends.</summary>
    private async Task Pump(ClientFeed feed)
    {
        var token = feed.Stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await feed.Signal.WaitAsync(token);
                await Task.Delay(options.BatchWindow, time, token);
                await SendPending(feed, token);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            logger.LogWarning(e, "Push to connection {Connection} stopped", feed.ConnectionId);
            Disconnected(feed.ConnectionId);
        }
    }

    private async Task SendPending(ClientFeed feed, CancellationToken token)
    {
        AlertEntry[] alerts;
        PushedSummary[] summaries;
        ChangeStatus[] settlements;
        KeyValuePair<string, long>[] resync;
        string[] scopes;
        lock (feed.Gate)
        {
            // Alerts are batched but never merged: every entry keeps its seq, so a client that
            // resumes from the last seq it saw has no gap. Summaries are merged per subject instead.
            alerts = [.. feed.PendingAlerts.OrderBy(a => a.Seq)];
            summaries = [.. feed.PendingSummaries.Values];
            settlements = [.. feed.PendingSettlements];
            resync = [.. feed.PendingResync];
            scopes = [.. feed.Scopes];
            feed.PendingAlerts.Clear();
            feed.PendingSummaries.Clear();
            feed.PendingSettlements.Clear();
            feed.PendingResync.Clear();
        }
        if (feed.Sink is { } sink)
        {
            await sink.DeliverAsync(new PushDelivery(resync, alerts, summaries, settlements), token);
            NoteSent(feed, scopes, alerts);
            return;
        }
        var client = ClientProxy?.Invoke(feed.ConnectionId);
        if (client is null) return;
        // A caller other than pmo receives only alerts with a portfolio in scope, with ids outside it left out.
        if (feed.LimitedTo is { } user && alerts.Length > 0) alerts = await access.Redact(user, alerts);

        foreach (var (scope, after) in resync)
            await client.SendAsync("resync", new { scope, afterSeq = after }, token);
        if (alerts.Length > 0)
        {
            await client.SendAsync("alert", alerts.Length == 1 ? alerts[0] : alerts, token);
            NoteSent(feed, scopes, alerts);
        }
        foreach (var group in summaries.GroupBy(s => s.Kind))
        {
            var payload = group.Select(SummaryJson.Of).ToArray();
            await client.SendAsync($"{group.Key}Changed", payload.Length == 1 ? payload[0] : payload, token);
        }
        if (settlements.Length > 0)
        {
            var payload = settlements.Select(s => new { s.ChangeId, s.GrainsTouched, s.AlertsRaised, s.SettledAt }).ToArray();
            await client.SendAsync("changeSettled", payload.Length == 1 ? payload[0] : payload, token);
        }
    }

    private void NoteSent(ClientFeed feed, string[] scopes, AlertEntry[] alerts)
    {
        if (alerts.Length == 0) return;
        var sent = scopes.Select(scope => (scope, last: alerts.LastOrDefault(a => BelongsTo(a, scope)))).ToList();
        lock (feed.Gate)
        {
            foreach (var (scope, last) in sent)
                if (last is not null) feed.SentSeq[scope] = last.Seq;
        }
    }

    private bool BelongsTo(AlertEntry entry, string scope)
    {
        lock (_gate) return scope == "all" || ScopesOfEntry(entry).Contains(scope);
    }
}
