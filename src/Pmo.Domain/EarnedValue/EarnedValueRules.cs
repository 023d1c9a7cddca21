namespace Pmo.Domain.EarnedValue;

public static class EarnedValueRules
{
    /// <summary>fixedCost + Σ units × costRate × duration.</summary>
    public static decimal TaskCost(decimal fixedCost, int duration, IEnumerable<(decimal Units, decimal CostRate)> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var cost = fixedCost;
        foreach (var (units, costRate) in assignments)
            cost = SafeMath.Add(cost, SafeMath.Multiply(SafeMath.Multiply(units, costRate), duration));
        return cost;
    }

    /// <summary>
    /// Baseline cost planned by the end of the status date: the baseline cost spread evenly over
    /// the baseline working days, counting days with number &lt;= <paramref name="lastDoneDay"/>
    /// (the status day itself counts as done); a milestone's cost once its day is &lt;= lastDoneDay.
    /// A task with no baseline (added after it) plans nothing.
    /// </summary>
    public static decimal PlannedValue(TaskBaseline? baseline, int lastDoneDay)
    {
        if (baseline is null) return 0m;
        // A finish before the start cannot come from the scheduler; it plans like a milestone
        // rather than a negative number of days.
        if (baseline.FinishDay <= baseline.StartDay)
            return baseline.StartDay <= lastDoneDay ? baseline.Cost : 0m;

        long days = (long)baseline.FinishDay - baseline.StartDay;
        long done = Math.Clamp((long)lastDoneDay - baseline.StartDay + 1, 0, days);
        if (done == 0) return 0m;
        // Returning the cost itself keeps a finished task's PV exact (no 99.999… from Cost/3×3).
        if (done == days) return baseline.Cost;
        return SafeMath.TryMultiply(baseline.Cost, done, out var spent)
            ? spent / days
            : SafeMath.Multiply(baseline.Cost / days, done);
    }

    /// <summary>BAC = cost, EV = cost × percentComplete/100, AC = actualCost, PV as above.</summary>
    public static EarnedValueTotals ForTask(decimal cost, decimal percentComplete, decimal actualCost, TaskBaseline? baseline, int lastDoneDay)
    {
        // Multiplying before dividing keeps e.g. 30 % of 1000 an exact 300.
        var earned = SafeMath.TryMultiply(cost, percentComplete, out var scaled)
            ? scaled / 100m
            : SafeMath.Multiply(cost, percentComplete / 100m);
        return new EarnedValueTotals(cost, earned, actualCost, PlannedValue(baseline, lastDoneDay));
    }
}
