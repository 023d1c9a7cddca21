using System.Globalization;
using Pmo.Domain.EarnedValue;

namespace Pmo.Domain.Alerts;

/// <summary>
/// The alert rules of CONTRACT.md, as pure functions of already computed figures.
/// Thresholds here are documented in README.
/// </summary>
public static class AlertRules
{
    /// <summary>CostPerformance holds while a project's CPI is below this and it has spent something.</summary>
    public const decimal CostPerformanceThreshold = 0.9m;

    private const int CriticalSlipDays = 10;
    private const decimal CriticalOverrun = 1.10m;
    private const decimal CriticalCpi = 0.8m;
    private const decimal CriticalLoad = 1.5m;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>ScheduleSlip on "project:{id}" while finishDay &gt; baselineFinishDay; measure = working days late;
    /// Critical above 10 days, else Warning.</summary>
    /// <remarks>The contract compares dates. The two tests agree except when the baseline date has
    /// since become a holiday: its day number is then the next working day's, so a finish on that
    /// next day is a date later but zero days later in numbers. It counts as one working day late.</remarks>
    public static AlertCondition? ScheduleSlip(string projectId, int finishDay, int baselineFinishDay, DateOnly finish, DateOnly baselineFinish)
    {
        if (finishDay <= baselineFinishDay && finish <= baselineFinish) return null;
        var late = Math.Max(1L, (long)finishDay - baselineFinishDay);
        return new AlertCondition
        {
            Kind = AlertKind.ScheduleSlip,
            Subject = $"project:{projectId}",
            Severity = late > CriticalSlipDays ? AlertSeverity.Critical : AlertSeverity.Warning,
            Measure = late,
            Message = $"Project {projectId} finishes {Date(finish)}, {Count(late, "working day")} after its baseline {Date(baselineFinish)}",
        };
    }

    /// <summary>DeadlineAtRisk on "task:{projectId}/{taskId}" while the task's earlyFinish date is later than its deadline;
    /// measure = calendar days late; Warning.</summary>
    public static AlertCondition? DeadlineAtRisk(string projectId, string taskId, DateOnly earlyFinish, DateOnly? deadline)
    {
        if (deadline is not { } due || earlyFinish <= due) return null;
        var late = earlyFinish.DayNumber - due.DayNumber;
        return new AlertCondition
        {
            Kind = AlertKind.DeadlineAtRisk,
            Subject = $"task:{projectId}/{taskId}",
            Severity = AlertSeverity.Warning,
            Measure = late,
            Message = $"Task {taskId} of project {projectId} finishes {Date(earlyFinish)}, {Count(late, "day")} after its deadline {Date(due)}",
        };
    }

    /// <summary>BudgetOverrun on <paramref name="subject"/> ("project:x" or "portfolio:x") while eac &gt; budget;
    /// measure = eac - budget rounded to whole money units; Critical above 110 % of budget, else Warning.</summary>
    public static AlertCondition? BudgetOverrun(string subject, decimal eac, decimal budget)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (eac <= budget) return null;
        var over = SafeMath.Subtract(eac, budget);
        var share = budget > 0m ? $" ({Percent(SafeMath.Divide(over, budget))})" : "";
        return new AlertCondition
        {
            Kind = AlertKind.BudgetOverrun,
            Subject = subject,
            Severity = eac > SafeMath.Multiply(budget, CriticalOverrun) ? AlertSeverity.Critical : AlertSeverity.Warning,
            Measure = Math.Round(over, 0, MidpointRounding.AwayFromZero),
            Message = $"{Describe(subject)} is forecast to cost {Money(eac)} against a budget of {Money(budget)}: {Money(over)}{share} over",
        };
    }

    /// <summary>CostPerformance on "project:{id}" while AC &gt; 0 and CPI &lt; threshold; measure = CPI rounded to 2 places;
    /// Critical below 0.8, else Warning.</summary>
    public static AlertCondition? CostPerformance(string projectId, decimal cpi, decimal actualCost)
    {
        if (actualCost <= 0m || cpi >= CostPerformanceThreshold) return null;
        var measure = Math.Round(cpi, 2, MidpointRounding.AwayFromZero);
        return new AlertCondition
        {
            Kind = AlertKind.CostPerformance,
            Subject = $"project:{projectId}",
            Severity = cpi < CriticalCpi ? AlertSeverity.Critical : AlertSeverity.Warning,
            Measure = measure,
            Message = $"Project {projectId} earns {measure.ToString("0.00", Invariant)} of value per unit spent (CPI below {CostPerformanceThreshold.ToString("0.0#", Invariant)}) after spending {Money(actualCost)}",
        };
    }

    /// <summary>ResourceConflict on "resource:{id}" while some over-allocation run reaches a day &gt;= statusDay;
    /// measure = the peak over those runs; Critical when the peak is above 150 % of capacity, else Warning.</summary>
    public static AlertCondition? ResourceConflict(string resourceId, decimal capacity, IReadOnlyList<Resources.OverallocationRun> runs, int statusDay)
    {
        ArgumentNullException.ThrowIfNull(runs);
        decimal? peak = null;
        long days = 0;
        foreach (var run in runs)
        {
            if (run.ToDay < statusDay) continue;
            peak = peak is { } p ? Math.Max(p, run.Peak) : run.Peak;
            days += (long)run.ToDay - Math.Max(run.FromDay, statusDay) + 1;
        }
        if (peak is not { } measure) return null;
        return new AlertCondition
        {
            Kind = AlertKind.ResourceConflict,
            Subject = $"resource:{resourceId}",
            Severity = measure > SafeMath.Multiply(capacity, CriticalLoad) ? AlertSeverity.Critical : AlertSeverity.Warning,
            Measure = measure,
            Message = $"Resource {resourceId}'s load peaks at {Units(measure)} (capacity {Units(capacity)}); over-allocated on {Count(days, "working day")} from the status date on",
        };
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(Invariant)} {noun}s";

    private static string Money(decimal amount) => amount.ToString("#,0", Invariant);

    private static string Percent(decimal share) => SafeMath.Multiply(share, 100m).ToString("0.#", Invariant) + " %";

    private static string Units(decimal units) => units.ToString("0.0##", Invariant);

    /// <summary>"project:p1" reads "Project p1", "portfolio:pf" reads "Portfolio pf".</summary>
    private static string Describe(string subject)
    {
        var colon = subject.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return subject;
        var kind = subject[..colon];
        return $"{char.ToUpperInvariant(kind[0])}{kind[1..]} {subject[(colon + 1)..]}";
    }
}
