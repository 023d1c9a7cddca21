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

    /// <summary>
    /// When the owner last had news for the alert log: a stamp that grows with every batch of transitions
    /// (the owner sets it). The log orders what it hears of each alert by it, because an owner's messages
    /// may reach the log in another order than they were sent (see the alert log's ledger).
    /// </summary>
    public long Revision { get; set; }

    /// <param name="owner">Stable owner name used in alert ids, e.g. "project:p1".</param>
    /// <param name="holdingNow">Every condition that holds now for subjects this owner is responsible for.</param>
    /// <returns>The transitions, in a deterministic order (by kind, then subject).</returns>
    public IReadOnlyList<AlertTransition> Reconcile(string owner, IEnumerable<AlertCondition> holdingNow)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(holdingNow);

        var holding = new Dictionary<string, AlertCondition>(StringComparer.Ordinal);
        foreach (var condition in holdingNow)
            holding[Key(condition)] = condition;

        var transitions = new List<AlertTransition>();
        foreach (var key in Open.Keys.Where(key => !holding.ContainsKey(key)).ToList())
        {
            Open.Remove(key, out var cured);
            transitions.Add(new AlertTransition { Id = cured!.Id, State = AlertState.Resolved, Condition = cured.Condition });
        }

        foreach (var (key, condition) in holding)
        {
            if (!Open.TryGetValue(key, out var open))
            {
                var id = $"{owner}:{condition.Kind}:{condition.Subject}:{++Raises}";
                Open[key] = new OpenAlert { Id = id, Condition = condition };
                transitions.Add(new AlertTransition { Id = id, State = AlertState.Raised, Condition = condition });
            }
            else if (open.Condition.Measure != condition.Measure || open.Condition.Severity != condition.Severity)
            {
                Open[key] = open with { Condition = condition };
                transitions.Add(new AlertTransition { Id = open.Id, State = AlertState.Updated, Condition = condition });
            }
            // Otherwise the stored condition stays: it is what the log last said, and a resolution
            // repeats it. A reworded message alone is not news worth a log entry.
        }

        return Ordered(transitions);
    }

    /// <summary>Resolves every open alert (the owner is being cancelled).</summary>
    public IReadOnlyList<AlertTransition> ResolveAll()
    {
        var transitions = Open.Values
            .Select(open => new AlertTransition { Id = open.Id, State = AlertState.Resolved, Condition = open.Condition })
            .ToList();
        Open.Clear();
        return Ordered(transitions);
    }

    /// <summary>
    /// Every open alert as the raise that opened it, carrying the condition last reported for it: what a
    /// resync confirms to the alert log, which logs any of them it never heard of.
    /// </summary>
    public IReadOnlyList<AlertTransition> OpenAsRaised() =>
        Ordered([.. Open.Values.Select(open => new AlertTransition { Id = open.Id, State = AlertState.Raised, Condition = open.Condition })]);

    private static string Key(AlertCondition condition) => $"{condition.Kind}|{condition.Subject}";

    // Dictionary order depends on the history of inserts and removals (and on how grain state was
    // deserialised), so the log order is fixed here instead.
    private static List<AlertTransition> Ordered(List<AlertTransition> transitions)
    {
        transitions.Sort((a, b) =>
        {
            var byKind = a.Condition.Kind.CompareTo(b.Condition.Kind);
            return byKind != 0 ? byKind : string.CompareOrdinal(a.Condition.Subject, b.Condition.Subject);
        });
        return transitions;
    }
}
