using Pmo.Domain.Alerts;

namespace Pmo.Grains.Tests;

/// <summary>Alert drafts as a resource grain would post them.</summary>
internal static class AlertDrafts
{
    public static string Owner(string resourceId) => $"resource:{resourceId}";

    /// <summary>The raise of a ResourceConflict on one month of the resource, at 150 %.</summary>
    public static AlertDraft Raise(string resourceId, string month, long revision = 1, int raiseNumber = 1) => new()
    {
        Transition = new AlertTransition
        {
            Id = $"{Owner(resourceId)}:{AlertKind.ResourceConflict}:resource:{resourceId}/{month}:{raiseNumber}",
            State = AlertState.Raised,
            Condition = new AlertCondition
            {
                Kind = AlertKind.ResourceConflict, Subject = $"resource:{resourceId}/{month}", Measure = 1.5m,
                Severity = AlertSeverity.Warning, Message = $"Resource {resourceId} booked at 150 % in {month}",
            },
        },
        PortfolioIds = ["pf-1"], ProjectIds = ["p-1"], ResourceIds = [resourceId], At = DateTimeOffset.UnixEpoch, Revision = revision,
    };

    /// <summary>The same alert, moved to <paramref name="state"/> at <paramref name="revision"/>.</summary>
    public static AlertDraft As(this AlertDraft draft, AlertState state, long revision) =>
        draft with { Transition = draft.Transition with { State = state }, Revision = revision };

    /// <summary>The same alert at a new peak and severity, at <paramref name="revision"/>.</summary>
    public static AlertDraft At(this AlertDraft draft, decimal peak, AlertSeverity severity, long revision, AlertState state = AlertState.Updated) =>
        draft with
        {
            Revision = revision,
            Transition = draft.Transition with
            {
                State = state,
                Condition = draft.Transition.Condition with { Measure = peak, Severity = severity, Message = $"booked at {peak:P0}" },
            },
        };
}
