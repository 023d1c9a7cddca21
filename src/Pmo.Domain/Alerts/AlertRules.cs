namespace Pmo.Domain.Alerts;

/// <summary>
/// The alert rules of CONTRACT.md, as pure functions of already computed figures.
/// Thresholds here are documented in README.
/// </summary>
public static class AlertRules
{
    /// <summary>CostPerformance holds while a project's CPI is below this and it has spent something.</summary>
    public const decimal CostPerformanceThreshold = 0.9m;

    /// <summary>ScheduleSlip on "project:{id}" while finishDay &gt; baselineFinishDay; measure = working days late;
    /// Critical above 10 days, else Warning.</summary>
    public static AlertCondition? ScheduleSlip(string projectId, int finishDay, int baselineFinishDay, DateOnly finish, DateOnly baselineFinish) =>
        throw new NotImplementedException();

    /// <summary>DeadlineAtRisk on "task:{projectId}/{taskId}" while the task's earlyFinish date is later than its deadline;
    /// measure = calendar days late; Warning.</summary>
    public static AlertCondition? DeadlineAtRisk(string projectId, string taskId, DateOnly earlyFinish, DateOnly? deadline) =>
        throw new NotImplementedException();

    /// <summary>BudgetOverrun on <paramref name="subject"/> ("project:x" or "portfolio:x") while eac &gt; budget;
    /// measure = eac - budget rounded to whole money units; Critical above 110 % of budget, else Warning.</summary>
    public static AlertCondition? BudgetOverrun(string subject, decimal eac, decimal budget) =>
        throw new NotImplementedException();

    /// <summary>CostPerformance on "project:{id}" while AC &gt; 0 and CPI &lt; threshold; measure = CPI rounded to 2 places;
    /// Critical below 0.8, else Warning.</summary>
    public static AlertCondition? CostPerformance(string projectId, decimal cpi, decimal actualCost) =>
        throw new NotImplementedException();

    /// <summary>ResourceConflict on "resource:{id}" while some over-allocation run reaches a day &gt;= statusDay;
    /// measure = the peak over those runs; Critical when the peak is above 150 % of capacity, else Warning.</summary>
    public static AlertCondition? ResourceConflict(string resourceId, decimal capacity, IReadOnlyList<Resources.OverallocationRun> runs, int statusDay) =>
        throw new NotImplementedException();
}
