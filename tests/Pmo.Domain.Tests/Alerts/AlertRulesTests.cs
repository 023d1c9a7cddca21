using Pmo.Domain.Alerts;
using Pmo.Domain.Resources;

namespace Pmo.Domain.Tests.Alerts;

public sealed class AlertRulesTests
{
    private static readonly DateOnly BaselineFinish = new(2027, 7, 2);

    // What each rule raises when it fires, every field of it: one worked example a rule.

    public static TheoryData<string, Func<AlertCondition?>, AlertCondition> WorkedExamples => new()
    {
        {
            "a finish after the baseline is a slip measured in working days",
            () => AlertRules.ScheduleSlip("p-erp", 105, 100, new DateOnly(2027, 7, 9), BaselineFinish),
            new()
            {
                Kind = AlertKind.ScheduleSlip, Subject = "project:p-erp", Measure = 5m, Severity = AlertSeverity.Warning,
                Message = "Project p-erp finishes 2027-07-09, 5 working days after its baseline 2027-07-02",
            }
        },
        {
            "a finish after the deadline is at risk by calendar days",
            () => AlertRules.DeadlineAtRisk("p-erp", "m1", new DateOnly(2027, 7, 5), new DateOnly(2027, 6, 30)),
            new()
            {
                Kind = AlertKind.DeadlineAtRisk, Subject = "task:p-erp/m1", Measure = 5m, Severity = AlertSeverity.Warning,
                Message = "Task m1 of project p-erp finishes 2027-07-05, 5 days after its deadline 2027-06-30",
            }
        },
        {
            "an eac above budget is an overrun measured in whole money",
            () => AlertRules.BudgetOverrun("project:p-erp", 275_000.5m, 250_000m),
            new()
            {
                Kind = AlertKind.BudgetOverrun, Subject = "project:p-erp", Measure = 25_001m, Severity = AlertSeverity.Critical,
                Message = "Project p-erp is forecast to cost 275,001 against a budget of 250,000: 25,001 (10 %) over",
            }
        },
        {
            "a CPI just below the threshold is a warning measured to two places",
            () => AlertRules.CostPerformance("p1", 0.8949m, 1000m),
            new()
            {
                Kind = AlertKind.CostPerformance, Subject = "project:p1", Measure = 0.89m, Severity = AlertSeverity.Warning,
                Message = "Project p1 earns 0.89 of value per unit spent (CPI below 0.9) after spending 1,000",
            }
        },
        {
            "an over-allocated run ending on the status day is a conflict",
            () => AlertRules.ResourceConflict("r-ana", 1.0m, [new(10, 20, 1.8m)], statusDay: 20),
            new()
            {
                Kind = AlertKind.ResourceConflict, Subject = "resource:r-ana", Measure = 1.8m, Severity = AlertSeverity.Critical,
                Message = "Resource r-ana's load peaks at 1.8 (capacity 1.0); over-allocated on 1 working day from the status date on",
            }
        },
    };

    [Theory]
    [MemberData(nameof(WorkedExamples))]
    public void A_rule_that_fires_raises_the_condition_of_its_worked_example(
        string example, Func<AlertCondition?> raise, AlertCondition expected)
    {
        // The example rides along in the compared tuple so that a failure names it.
        Assert.Equal((example, expected), (example, raise()));
    }

    // ScheduleSlip

    [Fact]
    public void Finish_on_the_baseline_raises_no_slip()
    {
        Assert.Null(AlertRules.ScheduleSlip("p-erp", 100, 100, BaselineFinish, BaselineFinish));
    }

    [Fact]
    public void Finish_before_the_baseline_raises_no_slip()
    {
        Assert.Null(AlertRules.ScheduleSlip("p-erp", 98, 100, new DateOnly(2027, 6, 30), BaselineFinish));
    }

    [Fact]
    public void One_day_slip_reads_in_the_singular()
    {
        var slip = AlertRules.ScheduleSlip("p", 101, 100, new DateOnly(2027, 7, 5), BaselineFinish);

        Assert.Equal("Project p finishes 2027-07-05, 1 working day after its baseline 2027-07-02", slip!.Message);
    }

    [Fact]
    public void Finish_after_a_baseline_date_that_became_a_holiday_is_one_working_day_late()
    {
        // The baseline Friday is now a holiday, so its day number is Monday's.
        var slip = AlertRules.ScheduleSlip("p", 101, 101, new DateOnly(2027, 7, 5), BaselineFinish);

        Assert.NotNull(slip);
        Assert.Equal(1m, slip.Measure);
    }

    // DeadlineAtRisk

    [Fact]
    public void Task_without_deadline_is_never_at_risk()
    {
        Assert.Null(AlertRules.DeadlineAtRisk("p1", "t1", new DateOnly(2030, 1, 1), null));
    }

    [Fact]
    public void Finish_on_the_deadline_is_not_at_risk()
    {
        var day = new DateOnly(2027, 6, 30);

        Assert.Null(AlertRules.DeadlineAtRisk("p1", "t1", day, day));
        Assert.Null(AlertRules.DeadlineAtRisk("p1", "t1", day.AddDays(-1), day));
    }

    // BudgetOverrun

    [Theory]
    [InlineData("250000")]
    [InlineData("249999.99")]
    public void Eac_up_to_the_budget_is_no_overrun(string eac)
    {
        Assert.Null(AlertRules.BudgetOverrun("project:p1", decimal.Parse(eac, CultureInfo.InvariantCulture), 250_000m));
    }

    [Fact]
    public void Overrun_below_one_money_unit_still_holds()
    {
        var overrun = AlertRules.BudgetOverrun("project:p1", 100.2m, 100m);

        Assert.NotNull(overrun);
        Assert.Equal(0m, overrun.Measure);
    }

    [Fact]
    public void Portfolio_overrun_names_the_portfolio()
    {
        var overrun = AlertRules.BudgetOverrun("portfolio:pf-ops", 1_300_000m, 1_200_000m);

        Assert.Equal("portfolio:pf-ops", overrun!.Subject);
        Assert.StartsWith("Portfolio pf-ops is forecast to cost 1,300,000", overrun.Message);
    }

    [Fact]
    public void Any_forecast_over_a_zero_budget_is_critical()
    {
        var overrun = AlertRules.BudgetOverrun("project:p1", 10m, 0m);

        Assert.Equal(AlertSeverity.Critical, overrun!.Severity);
        Assert.Equal("Project p1 is forecast to cost 10 against a budget of 0: 10 over", overrun.Message);
    }

    // CostPerformance

    [Theory]
    [InlineData("0", "0")] // a low CPI before any spend
    [InlineData("0.9", "1000")] // the threshold itself
    public void Low_cpi_before_any_spend_or_cpi_at_the_threshold_is_not_a_cost_performance_alert(string cpi, string actualCost)
    {
        Assert.Null(AlertRules.CostPerformance("p1", decimal.Parse(cpi, CultureInfo.InvariantCulture), decimal.Parse(actualCost, CultureInfo.InvariantCulture)));
    }

    // ResourceConflict

    [Fact]
    public void Run_ending_before_the_status_day_is_no_conflict()
    {
        OverallocationRun[] runs = [new(10, 19, 1.8m)];

        Assert.Null(AlertRules.ResourceConflict("r-ana", 1m, runs, statusDay: 20));
    }

    [Fact]
    public void No_runs_is_no_conflict()
    {
        Assert.Null(AlertRules.ResourceConflict("r1", 1m, [], statusDay: 0));
    }

    [Fact]
    public void Conflict_measures_the_peak_of_the_runs_that_reach_the_status_day()
    {
        OverallocationRun[] runs = [new(0, 4, 3m), new(8, 12, 1.2m), new(30, 31, 1.4m)];

        var conflict = AlertRules.ResourceConflict("r1", 1m, runs, statusDay: 10);

        Assert.Equal(1.4m, conflict!.Measure);
        Assert.EndsWith("over-allocated on 5 working days from the status date on", conflict.Message, StringComparison.Ordinal);
    }

    // Severity: every rule is a warning up to its critical line and critical just past it.

    /// <summary>Per rule, the condition raised on its critical line and the one raised just past it.</summary>
    public static TheoryData<string, Func<AlertCondition?>, Func<AlertCondition?>> CriticalLines => new()
    {
        {
            "a slip of ten working days; eleven",
            () => AlertRules.ScheduleSlip("p", 110, 100, new DateOnly(2027, 7, 16), BaselineFinish),
            () => AlertRules.ScheduleSlip("p", 111, 100, new DateOnly(2027, 7, 19), BaselineFinish)
        },
        {
            "an overrun up to 110 percent; above",
            () => AlertRules.BudgetOverrun("project:p1", 1100m, 1000m),
            () => AlertRules.BudgetOverrun("project:p1", 1100.01m, 1000m)
        },
        {
            "a CPI of 0.8; below",
            () => AlertRules.CostPerformance("p1", 0.8m, 1m),
            () => AlertRules.CostPerformance("p1", 0.7999m, 1m)
        },
        {
            "a resource peak of 150 percent; above",
            () => AlertRules.ResourceConflict("r1", 2m, [new(0, 1, 3m)], 0),
            () => AlertRules.ResourceConflict("r1", 2m, [new(0, 1, 3.01m)], 0)
        },
    };

    [Theory]
    [MemberData(nameof(CriticalLines))]
    public void On_its_critical_line_a_rule_raises_a_warning_and_just_past_it_a_critical(
        string line, Func<AlertCondition?> onTheLine, Func<AlertCondition?> pastTheLine)
    {
        // The line rides along in the compared tuple so that a failure names the rule.
        Assert.Equal((line, AlertSeverity.Warning, AlertSeverity.Critical), (line, onTheLine()!.Severity, pastTheLine()!.Severity));
    }

    // Together with the book

    [Fact]
    public void Worsening_slip_updates_the_open_alert_and_a_cure_resolves_it()
    {
        var book = new AlertBook();
        var finish = BaselineFinish;

        var raised = book.Reconcile("project:p1", [AlertRules.ScheduleSlip("p1", 103, 100, finish.AddDays(5), finish)!]);
        var worse = book.Reconcile("project:p1", [AlertRules.ScheduleSlip("p1", 112, 100, finish.AddDays(16), finish)!]);
        var cured = book.Reconcile("project:p1", []);

        Assert.Equal(AlertState.Raised, Assert.Single(raised).State);
        var update = Assert.Single(worse);
        Assert.Equal((AlertState.Updated, AlertSeverity.Critical, 12m), (update.State, update.Condition.Severity, update.Condition.Measure));
        Assert.Equal(AlertState.Resolved, Assert.Single(cured).State);
    }
}
