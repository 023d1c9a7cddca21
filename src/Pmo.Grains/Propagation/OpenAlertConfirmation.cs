using Pmo.Domain.Alerts;

namespace Pmo.Grains.Propagation;

/// <summary>
/// On a resync, an alert owner tells the alert log which of its alerts it holds open, so that one whose
/// resolution was stored here but never reached the log (the message, or the log's journal write, died
/// with a silo) is resolved there too; otherwise the log would show it open for good.
/// </summary>
/// <remarks>
/// Once per resync per activation (a resource hears a resync from every project that loads it), and not in
/// a turn that posted transitions of its own: those follow their write, and a confirmation that overtook
/// them would resolve an alert they were about to resolve, giving the log a second entry for it.
/// </remarks>
internal sealed class OpenAlertConfirmation
{
    private string? _confirmedFor;

    public void PostIfResync(Outbox outbox, IGrainFactory grains, string owner, AlertBook book, bool postedTransitions)
    {
        var changeId = outbox.Cause.ChangeId;
        if (!Ripple.IsResync(changeId) || postedTransitions || _confirmedFor == changeId) return;
        _confirmedFor = changeId;
        var open = book.Open.Values.Select(a => a.Id).Order(StringComparer.Ordinal).ToArray();
        outbox.Post(r => grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).ConfirmOpen(r, owner, open));
    }
}
