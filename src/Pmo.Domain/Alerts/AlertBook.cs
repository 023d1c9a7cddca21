namespace Pmo.Domain.Alerts;

/// <summary>
/// The open alerts of one owner (a project, a resource or a portfolio grain) and their lifecycle:
/// one open alert per kind and subject; raised when its rule starts to hold, updated when its
/// measure or severity changes while open, resolved when the rule stops holding. The owner passes
/// every condition that holds now; anything open and not passed is resolved.
/// Serialisable as grain state (public settable members).
/// </summary>
public sealed class AlertBook
{
    /// <summary>Open alerts keyed by "Kind|Subject".</summary>
    public Dictionary<string, OpenAlert> Open { get; set; } = new();

    /// <summary>Counts raises, so that a re-raised alert gets a new id.</summary>
    public long Raises { get; set; }

    /// <param name="owner">Stable owner name used in alert ids, e.g. "project:p1".</param>
    /// <param name="holdingNow">Every condition that holds now for subjects this owner is responsible for.</param>
    /// <returns>The transitions, in a deterministic order (by kind, then subject).</returns>
    public IReadOnlyList<AlertTransition> Reconcile(string owner, IEnumerable<AlertCondition> holdingNow) =>
        throw new NotImplementedException();

    /// <summary>Resolves every open alert (the owner is being cancelled).</summary>
    public IReadOnlyList<AlertTransition> ResolveAll() => throw new NotImplementedException();
}
