using Pmo.Contracts;

namespace Pmo.Host.Push;

/// <summary>
/// A subscriber of the router that is not a SignalR connection: a dashboard circuit in this process.
/// It gets exactly what a hub client gets (same scopes, replay, batching, resync), only as objects.
/// </summary>
public interface IPushSink
{
    Task DeliverAsync(PushDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>One pump round for one subscriber: resyncs first, then alerts in seq order, summaries, settlements.</summary>
public sealed record PushDelivery(
    IReadOnlyList<KeyValuePair<string, long>> Resync,
    IReadOnlyList<AlertEntry> Alerts,
    IReadOnlyList<PushedSummary> Summaries,
    IReadOnlyList<ChangeStatus> Settlements);
