namespace Pmo.Domain.EarnedValue;

public static class EarnedValueRules
{
    /// <summary>fixedCost + Σ units × costRate × duration.</summary>
    public static decimal TaskCost(decimal fixedCost, int duration, IEnumerable<(decimal Units, decimal CostRate)> assignments) =>
        throw new NotImplementedException();

    /// <summary>
    /// Baseline cost planned by the end of the status date: the baseline cost spread evenly over
    /// the baseline working days, counting days with number &lt;= <paramref name="lastDoneDay"/>
    /// (the status day itself counts as done); a milestone's cost once its day is &lt;= lastDoneDay.
    /// A task with no baseline (added after it) plans nothing.
    /// </summary>
    public static decimal PlannedValue(TaskBaseline? baseline, int lastDoneDay) => throw new NotImplementedException();

    /// <summary>BAC = cost, EV = cost × percentComplete/100, AC = actualCost, PV as above.</summary>
    public static EarnedValueTotals ForTask(decimal cost, decimal percentComplete, decimal actualCost, TaskBaseline? baseline, int lastDoneDay) =>
        throw new NotImplementedException();
}
