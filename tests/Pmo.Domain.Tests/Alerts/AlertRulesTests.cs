using Pmo.Domain.Alerts;
using Pmo.Domain.Resources;

namespace Pmo.Domain.Tests.Alerts;

public sealed class AlertRulesTests
{
    private static readonly DateOnly BaselineFinish = new(2027, 7, 2);

    /// <summary>Every field of a raised condition.</summary>
    private static void AssertCondition(
        AlertCondition? actual, AlertKind kind, string subject, decimal measure, AlertSeverity severity, string message)
    {
        Assert.NotNull(actual);
        Assert.Equal(kind, actual.Kind);
        Assert.Equal(subject, actual.Subject);
        Assert.Equal(measure, actual.Measure);
        Assert.Equal(severity, actual.Severity);
        Assert.Equal(message, actual.Message);
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
    public void Finish_after_the_baseline_is_a_slip_measured_in_working_days()
    {
        var slip = AlertRules.ScheduleSlip("p-erp", 105, 100, new DateOnly(2027, 7, 9), BaselineFinish);

        AssertCondition(slip, AlertKind.ScheduleSlip, "project:p-erp", 5m, AlertSeverity.Warning,
            "Project p-erp finishes 2027-07-09, 5 working days after its baseline 2027-07-02");
    }

    [Fact]
    public void Slip_of_ten_working_days_is_a_warning_and_eleven_is_critical()
    {
        Assert.Equal(AlertSeverity.Warning, AlertRules.ScheduleSlip("p", 110, 100, new DateOnly(2027, 7, 16), BaselineFinish)!.Severity);
        Assert.Equal(AlertSeverity.Critical, AlertRules.ScheduleSlip("p", 111, 100, new DateOnly(2027, 7, 19), BaselineFinish)!.Severity);
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

    [Fact]
    public void Finish_after_the_deadline_is_at_risk_by_calendar_days()
    {
        var risk = AlertRules.DeadlineAtRisk("p-erp", "m1", new DateOnly(2027, 7, 5), new DateOnly(2027, 6, 30));

        AssertCondition(risk, AlertKind.DeadlineAtRisk, "task:p-erp/m1", 5m, AlertSeverity.Warning,
            "Task m1 of project p-erp finishes 2027-07-05, 5 days after its deadline 2027-06-30");
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
    public void Eac_above_budget_is_an_overrun_measured_in_whole_money()
    {
        var overrun = AlertRules.BudgetOverrun("project:p-erp", 275_000.5m, 250_000m);

        AssertCondition(overrun, AlertKind.BudgetOverrun, "project:p-erp", 25_001m, AlertSeverity.Critical,
            "Project p-erp is forecast to cost 275,001 against a budget of 250,000: 25,001 (10 %) over");
    }

    [Fact]
    public void Overrun_below_one_money_unit_still_holds()
    {
        var overrun = AlertRules.BudgetOverrun("project:p1", 100.2m, 100m);

        Assert.NotNull(overrun);
        Assert.Equal(0m, overrun.Measure);
    }

    [Fact]
    public void Overrun_up_to_110_percent_is_a_warning_and_above_is_critical()
    {
        Assert.Equal(AlertSeverity.Warning, AlertRules.BudgetOverrun("project:p1", 1100m, 1000m)!.Severity);
        Assert.Equal(AlertSeverity.Critical, AlertRules.BudgetOverrun("project:p1", 1100.01m, 1000m)!.Severity);
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

    [Fact]
    public void Cpi_just_below_the_threshold_is_a_warning_measured_to_two_places()
    {
        var alert = AlertRules.CostPerformance("p1", 0.8949m, 1000m);

        AssertCondition(alert, AlertKind.CostPerformance, "project:p1", 0.89m, AlertSeverity.Warning,
            "Project p1 earns 0.89 of value per unit spent (CPI below 0.9) after spending 1,000");
    }

    [Fact]
    public void Cpi_of_0_8_is_a_warning_and_below_is_critical()
    {
        Assert.Equal(AlertSeverity.Warning, AlertRules.CostPerformance("p1", 0.8m, 1m)!.Severity);
        Assert.Equal(AlertSeverity.Critical, AlertRules.CostPerformance("p1", 0.7999m, 1m)!.Severity);
    }

    // ResourceConflict

    [Fact]
    public void Run_ending_before_the_status_day_is_no_conflict()
    {
        OverallocationRun[] runs = [new(10, 19, 1.8m)];

        Assert.Null(AlertRules.ResourceConflict("r-ana", 1m, runs, statusDay: 20));
    }

    [Fact]
    public void Run_ending_on_the_status_day_is_a_conflict()
    {
        OverallocationRun[] runs = [new(10, 20, 1.8m)];

        var conflict = AlertRules.ResourceConflict("r-ana", 1.0m, runs, statusDay: 20);

        AssertCondition(conflict, AlertKind.ResourceConflict, "resource:r-ana", 1.8m, AlertSeverity.Critical,
            "Resource r-ana's load peaks at 1.8 (capacity 1.0); over-allocated on 1 working day from the status date on");
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

    [Fact]
    public void Peak_of_150_percent_is_a_warning_and_above_is_critical()
    {
        Assert.Equal(AlertSeverity.Warning, AlertRules.ResourceConflict("r1", 2m, [new(0, 1, 3m)], 0)!.Severity);
        Assert.Equal(AlertSeverity.Critical, AlertRules.ResourceConflict("r1", 2m, [new(0, 1, 3.01m)], 0)!.Severity);
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
