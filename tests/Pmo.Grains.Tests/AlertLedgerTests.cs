using Pmo.Domain.Alerts;
using Pmo.Grains.Alerts;

namespace Pmo.Grains.Tests;

/// <summary>
/// What an owner's transitions and a resync's confirmation become in the alert log, in every order they may
/// arrive in: the log takes each word about an alert unless it already took a newer one, so a confirmation
/// makes good what a silo's loss swallowed, and nothing that comes late undoes what came after it.
/// </summary>
public sealed class AlertLedgerTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Owner = AlertDrafts.Owner("r-1");
    private static readonly AlertDraft Raise = AlertDrafts.Raise("r-1", "2027-06", revision: 1);
    private static readonly AlertDraft Worse = Raise.At(1.8m, AlertSeverity.Critical, revision: 2);
    private static readonly AlertDraft Cure = Raise.As(AlertState.Resolved, revision: 2);

    [Fact]
    public void An_owners_transitions_in_order_are_logged_each_once_in_seq_order_and_a_resolution_keeps_the_earlier_scopes()
    {
        var ledger = new AlertLedger();
        ledger.Append("c-1", [Raise]);
        ledger.Append("c-2", [Worse with { ProjectIds = ["p-2"] }]);
        ledger.Append("c-3", [Raise.As(AlertState.Resolved, revision: 3) with { ProjectIds = [] }]);

        Assert.Equal([(1L, "raised", "warning"), (2L, "updated", "critical"), (3L, "resolved", "warning")],
            ledger.Entries.Select(e => (e.Seq, e.State, e.Severity)));
        Assert.Equal(["p-1", "p-2"], ledger.Entries[^1].ProjectIds);
        Assert.Equal(["c-1", "c-2", "c-3"], ledger.Entries.Select(e => e.ChangeId));
        Assert.Empty(ledger.Open);
    }

    [Fact]
    public void A_raise_the_log_never_heard_of_is_raised_by_the_confirmation_and_the_late_raise_adds_nothing()
    {
        var ledger = new AlertLedger();

        var confirmed = ledger.Confirm("c-resync-1", Owner, revision: 1, [Raise], Now);
        var late = ledger.Append("c-1", [Raise]);
        var again = ledger.Confirm("c-resync-2", Owner, revision: 1, [Raise], Now);

        var raised = Assert.Single(confirmed);
        Assert.Equal(("raised", Raise.Transition.Id, "c-resync-1"), (raised.State, raised.Id, raised.ChangeId));
        Assert.Equal(Raise.PortfolioIds, raised.PortfolioIds);
        Assert.Empty(late);
        Assert.Empty(again);
        Assert.Equal(Raise.Transition.Id, Assert.Single(ledger.Open).Id);
    }

    [Fact]
    public void An_update_the_log_never_heard_of_is_logged_by_the_confirmation_and_the_late_update_adds_nothing()
    {
        var ledger = new AlertLedger();
        ledger.Append("c-1", [Raise]);

        var confirmed = ledger.Confirm("c-resync-1", Owner, revision: 2, [Worse.As(AlertState.Raised, revision: 2)], Now);
        var late = ledger.Append("c-2", [Worse]);

        var updated = Assert.Single(confirmed);
        Assert.Equal(("updated", "critical", Worse.Transition.Condition.Message), (updated.State, updated.Severity, updated.Message));
        Assert.Empty(late);
    }

    [Fact]
    public void A_resolution_the_log_never_heard_of_is_logged_by_the_confirmation_and_the_late_one_adds_nothing()
    {
        var ledger = new AlertLedger();
        ledger.Append("c-1", [Raise]);

        var confirmed = ledger.Confirm("c-resync-1", Owner, revision: 2, [], Now);
        var late = ledger.Append("c-2", [Cure]);

        var resolved = Assert.Single(confirmed);
        Assert.Equal(("resolved", Raise.Transition.Id, Now), (resolved.State, resolved.Id, resolved.At));
        Assert.Empty(late);
        Assert.Empty(ledger.Open);
    }

    [Fact]
    public void A_confirmation_older_than_a_raise_the_log_already_took_does_not_resolve_it()
    {
        // The owner confirmed (revision 1) before it raised (revision 2); the raise reached the log first.
        var ledger = new AlertLedger();
        var first = AlertDrafts.Raise("r-1", "2027-05", revision: 1);
        var second = AlertDrafts.Raise("r-1", "2027-06", revision: 2);
        ledger.Append("c-1", [first]);
        ledger.Append("c-2", [second]);

        var stale = ledger.Confirm("c-resync-1", Owner, revision: 1, [first], Now);

        Assert.Empty(stale);
        Assert.Equal([first.Transition.Id, second.Transition.Id], ledger.Open.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Words_older_than_the_last_one_taken_change_nothing()
    {
        var ledger = new AlertLedger();
        ledger.Append("c-2", [Worse]);

        var lateRaise = ledger.Append("c-1", [Raise]);
        var staleConfirmation = ledger.Confirm("c-resync-0", Owner, revision: 1, [], Now);
        ledger.Append("c-3", [Raise.As(AlertState.Resolved, revision: 3)]);
        var lateUpdate = ledger.Append("c-2", [Worse]);

        Assert.Equal(["raised", "resolved"], ledger.Entries.Select(e => e.State));
        Assert.Equal("critical", ledger.Entries[0].Severity);
        Assert.Empty(lateRaise);
        Assert.Empty(staleConfirmation);
        Assert.Empty(lateUpdate);
    }

    [Fact]
    public void A_confirmation_names_only_its_owners_alerts_and_leaves_other_owners_alone()
    {
        var ledger = new AlertLedger();
        var neighbour = AlertDrafts.Raise("r-2", "2027-06");
        ledger.Append("c-1", [neighbour]);

        var confirmed = ledger.Confirm("c-resync-1", Owner, revision: 5, [AlertDrafts.Raise("r-3", "2027-06")], Now);

        Assert.Empty(confirmed);
        Assert.Equal(neighbour.Transition.Id, Assert.Single(ledger.Open).Id);
    }

    [Theory]
    [MemberData(nameof(Orders), 3)]
    public void A_raise_its_update_and_a_confirmation_in_any_order_leave_one_raise_and_the_latest_condition_open(int[] order)
    {
        var ledger = new AlertLedger();
        Action[] messages =
        [
            () => ledger.Append("c-1", [Raise]),
            () => ledger.Append("c-2", [Worse]),
            () => ledger.Confirm("c-resync-1", Owner, revision: 2, [Worse.As(AlertState.Raised, revision: 2)], Now),
        ];
        foreach (var i in order) messages[i]();

        Assert.Single(ledger.Entries, e => e.State == "raised");
        var open = Assert.Single(ledger.Open);
        Assert.Equal((Raise.Transition.Id, "critical", Worse.Transition.Condition.Message), (open.Id, open.Severity, open.Message));
    }

    /// <summary>
    /// The owner raises X (1), confirms X open (1), resolves X and raises Y (2), confirms Y open (2): whatever
    /// order the log hears these in, it ends with X resolved once and Y open.
    /// </summary>
    [Theory]
    [MemberData(nameof(Orders), 4)]
    public void An_owners_transitions_and_confirmations_in_any_order_end_as_the_owner_ended(int[] order)
    {
        var ledger = new AlertLedger();
        var y = AlertDrafts.Raise("r-1", "2027-07", revision: 2);
        Action[] messages =
        [
            () => ledger.Append("c-1", [Raise]),
            () => ledger.Confirm("c-resync-1", Owner, revision: 1, [Raise], Now),
            () => ledger.Append("c-2", [Cure, y]),
            () => ledger.Confirm("c-resync-2", Owner, revision: 2, [y], Now),
        ];
        foreach (var i in order) messages[i]();

        Assert.Equal(y.Transition.Id, Assert.Single(ledger.Open).Id);
        Assert.Single(ledger.Entries, e => e.Id == Raise.Transition.Id && e.State == "resolved");
        Assert.True(ledger.Entries.Count(e => e.State == "raised" && e.Id == Raise.Transition.Id) <= 1);
        Assert.Single(ledger.Entries, e => e.Id == y.Transition.Id);
    }

    [Fact]
    public void Entries_taken_back_reopen_what_they_closed_and_can_be_logged_again()
    {
        var ledger = new AlertLedger();
        ledger.Append("c-1", [Raise]);
        ledger.Append("c-2", [Cure]);

        ledger.TakeBack(1);
        Assert.Equal(Raise.Transition.Id, Assert.Single(ledger.Open).Id);
        var again = ledger.Append("c-2", [Cure]);

        Assert.Equal((2L, "resolved"), (Assert.Single(again).Seq, again[0].State));
        Assert.Empty(ledger.Open);
    }

    [Fact]
    public void A_ledger_restored_from_the_journal_keeps_resolved_alerts_resolved_and_takes_the_next_word_on_open_ones()
    {
        var before = new AlertLedger();
        var open = AlertDrafts.Raise("r-1", "2027-07", revision: 5);
        before.Append("c-1", [Raise, open]);
        before.Append("c-2", [Cure]);

        var after = new AlertLedger();
        after.Restore(before.Entries);

        Assert.Empty(after.Append("c-1", [Raise]));
        Assert.Equal([open.Transition.Id], after.Open.Select(e => e.Id));
        var updated = Assert.Single(after.Append("c-3", [open.At(2m, AlertSeverity.Critical, revision: 1)]));
        Assert.Equal((4L, "updated"), (updated.Seq, updated.State));
    }

    /// <summary>Every order of <paramref name="count"/> messages.</summary>
    public static TheoryData<int[]> Orders(int count)
    {
        var data = new TheoryData<int[]>();
        foreach (var order in Permutations(Enumerable.Range(0, count).ToArray())) data.Add(order);
        return data;
    }

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length <= 1 ? [items] : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (int[])[item, .. rest]));
}
