using Pmo.Domain.Alerts;

namespace Pmo.Domain.Tests.Alerts;

public sealed class AlertBookTests
{
    private const string Owner = "project:p1";

    private static AlertCondition Slip(decimal days, AlertSeverity severity = AlertSeverity.Warning, string subject = "project:p1", string? message = null) => new()
    {
        Kind = AlertKind.ScheduleSlip,
        Subject = subject,
        Severity = severity,
        Measure = days,
        Message = message ?? $"{days} days late",
    };

    private static AlertCondition Condition(AlertKind kind, string subject) => new()
    {
        Kind = kind, Subject = subject, Severity = AlertSeverity.Warning, Measure = 1m, Message = $"{kind} on {subject}",
    };

    [Fact]
    public void Condition_that_starts_to_hold_is_raised()
    {
        var book = new AlertBook();

        var raised = Assert.Single(book.Reconcile(Owner, [Slip(3)]));

        Assert.Equal(AlertState.Raised, raised.State);
        Assert.Equal("project:p1:ScheduleSlip:project:p1:1", raised.Id);
        Assert.Equal(Slip(3), raised.Condition);
        Assert.Equal(raised.Id, Assert.Single(book.Open).Value.Id);
    }

    [Fact]
    public void Open_alerts_read_as_the_raises_that_opened_them_with_their_last_reported_condition_in_kind_then_subject_order()
    {
        var book = new AlertBook();
        book.Reconcile(Owner, [Slip(3), Condition(AlertKind.BudgetOverrun, "project:p1"), Condition(AlertKind.DeadlineAtRisk, "task:p1/t2")]);
        book.Reconcile(Owner, [Slip(5, AlertSeverity.Critical), Condition(AlertKind.DeadlineAtRisk, "task:p1/t2")]);

        var open = book.OpenAsRaised();

        Assert.All(open, t => Assert.Equal(AlertState.Raised, t.State));
        Assert.Equal([AlertKind.ScheduleSlip, AlertKind.DeadlineAtRisk], open.Select(t => t.Condition.Kind));
        Assert.Equal((Slip(5, AlertSeverity.Critical), "project:p1:ScheduleSlip:project:p1:1"), (open[0].Condition, open[0].Id));
    }

    [Fact]
    public void Alert_lifecycle_raised_updated_resolved_and_raised_again_with_a_new_id()
    {
        var book = new AlertBook();

        var raised = Assert.Single(book.Reconcile(Owner, [Slip(3)]));
        var updated = Assert.Single(book.Reconcile(Owner, [Slip(5)]));
        var resolved = Assert.Single(book.Reconcile(Owner, []));
        var raisedAgain = Assert.Single(book.Reconcile(Owner, [Slip(2)]));

        Assert.Equal(AlertState.Updated, updated.State);
        Assert.Equal(raised.Id, updated.Id);
        Assert.Equal(5m, updated.Condition.Measure);

        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal(raised.Id, resolved.Id);
        Assert.Equal(Slip(5), resolved.Condition);

        Assert.Equal(AlertState.Raised, raisedAgain.State);
        Assert.NotEqual(raised.Id, raisedAgain.Id);
        Assert.Equal(2, book.Raises);
    }

    [Fact]
    public void Unchanged_condition_produces_no_transition()
    {
        var book = new AlertBook();
        book.Reconcile(Owner, [Slip(3)]);

        Assert.Empty(book.Reconcile(Owner, [Slip(3)]));
        Assert.Empty(book.Reconcile(Owner, [Slip(3.00m)]));
    }

    [Fact]
    public void Reworded_message_alone_produces_no_transition_and_the_logged_condition_stays()
    {
        var book = new AlertBook();
        book.Reconcile(Owner, [Slip(3, message: "first words")]);

        Assert.Empty(book.Reconcile(Owner, [Slip(3, message: "other words")]));

        var resolved = Assert.Single(book.ResolveAll());
        Assert.Equal("first words", resolved.Condition.Message);
    }

    [Fact]
    public void Severity_change_alone_updates_the_alert()
    {
        var book = new AlertBook();
        book.Reconcile(Owner, [Slip(11, AlertSeverity.Warning)]);

        var updated = Assert.Single(book.Reconcile(Owner, [Slip(11, AlertSeverity.Critical)]));

        Assert.Equal(AlertState.Updated, updated.State);
        Assert.Equal(AlertSeverity.Critical, updated.Condition.Severity);
    }

    [Fact]
    public void Improving_measure_also_updates_the_alert()
    {
        var book = new AlertBook();
        book.Reconcile(Owner, [Slip(8)]);

        Assert.Equal(AlertState.Updated, Assert.Single(book.Reconcile(Owner, [Slip(4)])).State);
    }

    [Fact]
    public void Same_kind_on_different_subjects_are_separate_alerts()
    {
        var book = new AlertBook();

        var transitions = book.Reconcile(Owner, [Slip(1, subject: "project:a"), Slip(1, subject: "project:b")]);

        Assert.Equal(2, transitions.Count);
        Assert.Equal(2, transitions.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Duplicate_conditions_for_one_kind_and_subject_last_one_wins()
    {
        var book = new AlertBook();

        var raised = Assert.Single(book.Reconcile(Owner, [Slip(3), Slip(7)]));

        Assert.Equal(7m, raised.Condition.Measure);
        Assert.Equal(7m, Assert.Single(book.Open).Value.Condition.Measure);
    }

    [Fact]
    public void Transitions_come_ordered_by_kind_then_subject()
    {
        var book = new AlertBook();
        book.Reconcile(Owner, [Condition(AlertKind.CostPerformance, "project:p1"), Condition(AlertKind.DeadlineAtRisk, "task:p1/z")]);

        var transitions = book.Reconcile(Owner,
        [
            Condition(AlertKind.DeadlineAtRisk, "task:p1/b"),
            Condition(AlertKind.BudgetOverrun, "project:p1"),
            Condition(AlertKind.DeadlineAtRisk, "task:p1/B"),
            Condition(AlertKind.ScheduleSlip, "project:p1"),
            Condition(AlertKind.DeadlineAtRisk, "task:p1/a"),
        ]);

        Assert.Equal(
        [
            (AlertKind.ScheduleSlip, "project:p1", AlertState.Raised),
            (AlertKind.DeadlineAtRisk, "task:p1/B", AlertState.Raised),
            (AlertKind.DeadlineAtRisk, "task:p1/a", AlertState.Raised),
            (AlertKind.DeadlineAtRisk, "task:p1/b", AlertState.Raised),
            (AlertKind.DeadlineAtRisk, "task:p1/z", AlertState.Resolved),
            (AlertKind.BudgetOverrun, "project:p1", AlertState.Raised),
            (AlertKind.CostPerformance, "project:p1", AlertState.Resolved),
        ], transitions.Select(t => (t.Condition.Kind, t.Condition.Subject, t.State)));
    }

    [Fact]
    public void Nothing_holding_on_an_empty_book_changes_nothing()
    {
        var book = new AlertBook();

        Assert.Empty(book.Reconcile(Owner, []));
        Assert.Empty(book.ResolveAll());
        Assert.Equal(0, book.Raises);
    }

    [Fact]
    public void Resolve_all_resolves_every_open_alert_in_order_and_empties_the_book()
    {
        var book = new AlertBook();
        var raised = book.Reconcile(Owner, [Condition(AlertKind.BudgetOverrun, "project:p1"), Condition(AlertKind.ScheduleSlip, "project:p1")]);

        var resolved = book.ResolveAll();

        Assert.Equal(raised.Select(t => t.Id), resolved.Select(t => t.Id));
        Assert.All(resolved, t => Assert.Equal(AlertState.Resolved, t.State));
        Assert.Empty(book.Open);
        Assert.Empty(book.ResolveAll());
    }

    [Fact]
    public void Alert_raised_after_resolve_all_gets_a_new_id()
    {
        var book = new AlertBook();
        var first = Assert.Single(book.Reconcile(Owner, [Slip(3)]));
        book.ResolveAll();

        var second = Assert.Single(book.Reconcile(Owner, [Slip(3)]));

        Assert.Equal(AlertState.Raised, second.State);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void Book_restored_from_its_public_state_continues_the_lifecycle()
    {
        var original = new AlertBook();
        var raised = Assert.Single(original.Reconcile(Owner, [Slip(3)]));
        var restored = new AlertBook { Open = new Dictionary<string, OpenAlert>(original.Open), Raises = original.Raises };

        var resolved = Assert.Single(restored.Reconcile(Owner, []));
        var again = Assert.Single(restored.Reconcile(Owner, [Slip(3)]));

        Assert.Equal(raised.Id, resolved.Id);
        Assert.NotEqual(raised.Id, again.Id);
    }
}
