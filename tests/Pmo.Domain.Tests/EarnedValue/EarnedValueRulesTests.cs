using Pmo.Domain.EarnedValue;

namespace Pmo.Domain.Tests.EarnedValue;

public sealed class EarnedValueRulesTests
{
    [Fact]
    public void Task_cost_is_fixed_cost_plus_units_times_rate_times_duration()
    {
        var cost = EarnedValueRules.TaskCost(100m, 10, [(0.5m, 640m), (1m, 100m)]);

        Assert.Equal(100m + 3200m + 1000m, cost);
    }

    [Fact]
    public void Milestone_costs_only_its_fixed_cost()
    {
        Assert.Equal(250m, EarnedValueRules.TaskCost(250m, 0, [(1m, 640m)]));
    }

    [Fact]
    public void Task_without_assignments_costs_its_fixed_cost()
    {
        Assert.Equal(75m, EarnedValueRules.TaskCost(75m, 5, []));
    }

    [Fact]
    public void Task_without_baseline_plans_nothing()
    {
        Assert.Equal(0m, EarnedValueRules.PlannedValue(null, 1_000_000));
    }

    [Theory]
    [InlineData(10, 15, 500, 9, 0)] // nothing is planned before the first baseline day
    [InlineData(10, 15, 500, -1_000, 0)]
    [InlineData(10, 15, 500, 10, 100)] // the status day counts as done
    [InlineData(10, 15, 500, 12, 300)] // a partial span: the cost of the days done
    [InlineData(10, 15, 500, 13, 400)]
    [InlineData(10, 15, 500, 14, 500)] // the whole cost from the last baseline day on
    [InlineData(10, 15, 500, 15, 500)]
    [InlineData(10, 15, 500, int.MaxValue, 500)]
    [InlineData(20, 20, 50, 19, 0)] // a milestone plans nothing before its day
    [InlineData(20, 20, 50, 20, 50)] // and its whole cost on and after its day
    [InlineData(20, 20, 50, 21, 50)]
    public void Planned_value_is_the_cost_of_the_baseline_days_done_by_the_status_day(
        int startDay, int finishDay, int cost, int statusDay, int expected)
    {
        var baseline = new TaskBaseline(StartDay: startDay, FinishDay: finishDay, Cost: cost);

        Assert.Equal(expected, EarnedValueRules.PlannedValue(baseline, statusDay));
    }

    [Fact]
    public void Cost_that_does_not_divide_evenly_is_whole_once_every_day_is_done()
    {
        var baseline = new TaskBaseline(StartDay: 0, FinishDay: 3, Cost: 100m);

        Assert.Equal(100m / 3m, EarnedValueRules.PlannedValue(baseline, 0));
        Assert.Equal(200m / 3m, EarnedValueRules.PlannedValue(baseline, 1));
        Assert.Equal(100m, EarnedValueRules.PlannedValue(baseline, 2));
    }

    [Fact]
    public void Earned_value_is_cost_times_percent_complete()
    {
        var baseline = new TaskBaseline(StartDay: 10, FinishDay: 15, Cost: 800m);

        var totals = EarnedValueRules.ForTask(cost: 1000m, percentComplete: 30m, actualCost: 450m, baseline, lastDoneDay: 11);

        Assert.Equal(new EarnedValueTotals(Bac: 1000m, Ev: 300m, Ac: 450m, Pv: 320m), totals);
    }

    [Fact]
    public void Finished_task_earns_its_whole_current_cost()
    {
        var totals = EarnedValueRules.ForTask(cost: 1234.56m, percentComplete: 100m, actualCost: 0m, null, lastDoneDay: 0);

        Assert.Equal(1234.56m, totals.Ev);
    }

    [Fact]
    public void Task_added_after_the_baseline_counts_in_bac_and_ev_but_plans_nothing()
    {
        var totals = EarnedValueRules.ForTask(cost: 600m, percentComplete: 50m, actualCost: 200m, baseline: null, lastDoneDay: 100);

        Assert.Equal(new EarnedValueTotals(Bac: 600m, Ev: 300m, Ac: 200m, Pv: 0m), totals);
        Assert.Equal(1m, totals.Spi);
    }
}
