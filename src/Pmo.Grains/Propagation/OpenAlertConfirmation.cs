using Pmo.Domain.Alerts;

namespace Pmo.Grains.Propagation;

/// <summary>
/// On a resync, an alert owner tells the alert log which of its alerts it holds open, so that what its
/// stored state says and the log never heard (the message, or the log's journal write, died with a silo)
/// is logged after all: a resolution that was lost resolves there, a raise or an update that was lost is
/// logged. Otherwise the log would show an alert open for good, or miss one that holds.
/// </summary>
/// <remarks>
/// Once per resync per activation (a resource hears a resync from every project that loads it), and not in
/// a turn that posted transitions of its own: those follow their write, and would only repeat it. The
/// confirmation carries the book's revision, so the log tells it apart from what the owner said before
/// and after: one that overtakes earlier transitions still waiting for their write tells the log what they
/// will, and they change nothing when they come; one overtaken by later transitions changes nothing.
/// </remarks>
internal sealed class OpenAlertConfirmation
{
    private string? _confirmedFor;

    /// <param name="drafts">The owner's own way of drafting log entries, as for its transitions (which
    /// portfolios, projects and resources an alert names).</param>
    public void PostIfResync(Outbox outbox, IGrainFactory grains, string owner, AlertBook book, bool postedTransitions,
        Func<IReadOnlyList<AlertTransition>, AlertDraft[]> drafts)
    {
        var changeId = outbox.Cause.ChangeId;
        if (!Ripple.IsResync(changeId) || postedTransitions || _confirmedFor == changeId) return;
        _confirmedFor = changeId;
        var (revision, open) = (book.Revision, drafts(book.OpenAsRaised()));
        outbox.Post(r => grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).ConfirmOpen(r, owner, revision, open));
    }
}
