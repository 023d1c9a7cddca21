using Pmo.Domain.Alerts;

namespace Pmo.Grains.Propagation;

/// <summary>
/// An owner's alert book, stamped with a new <see cref="AlertBook.Revision"/> whenever it has transitions
/// for the log. Stamps follow the clock (<see cref="VersionClock"/>), so an owner that reactivates from an
/// older write still stamps above anything it told the log before.
/// </summary>
internal static class AlertRevisions
{
    public static IReadOnlyList<AlertTransition> Reconcile(this AlertBook book, string owner, IEnumerable<AlertCondition> holdingNow, TimeProvider time) =>
        Stamped(book, book.Reconcile(owner, holdingNow), time);

    public static IReadOnlyList<AlertTransition> ResolveAll(this AlertBook book, TimeProvider time) =>
        Stamped(book, book.ResolveAll(), time);

    private static IReadOnlyList<AlertTransition> Stamped(AlertBook book, IReadOnlyList<AlertTransition> transitions, TimeProvider time)
    {
        if (transitions.Count > 0) book.Revision = VersionClock.Next(book.Revision, time);
        return transitions;
    }
}
