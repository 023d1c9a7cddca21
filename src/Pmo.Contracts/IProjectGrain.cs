using Pmo.Contracts.Commands;
using Pmo.Domain.Documents;

namespace Pmo.Contracts;

/// <summary>
/// One project's live schedule, earned value and alerts (key: project id).
/// Awaited methods are commands (from the API or the enterprise grain); [OneWay] methods are
/// propagation from other grains. A project never awaits another grain of the model, so a chain
/// of projects that loops back (A → B → A through different tasks) cannot deadlock.
/// </summary>
[Alias("pmo.project")]
public interface IProjectGrain : IGrainWithStringKey
{
    [Alias("define")] Task Define(Ripple ripple, ProjectSetup setup);
    [Alias("cancel")] Task Cancel(Ripple ripple);
    // Commands: each takes its record (Pmo.Contracts.Commands), already checked by its own rules.
    [Alias("cmd-slip")] Task<Refusal?> Slip(Ripple ripple, SlipTask command);
    [Alias("cmd-rebaseline")] Task<Refusal?> Rebaseline(Ripple ripple, RebaselineProject command);
    [Alias("cmd-progress")] Task<Refusal?> ReportProgress(Ripple ripple, RecordProgress command);
    [Alias("cmd-budget")] Task<Refusal?> SetBudget(Ripple ripple, SetProjectBudget command);
    /// <summary>Sets (units &gt; 0) or removes (units 0) an assignment; returns the resources the project now uses.</summary>
    [Alias("assign")] Task<string[]> Assign(Ripple ripple, string taskId, string resourceId, decimal units, decimal costRate);
    [Alias("set-links")] Task SetCrossLinks(Ripple ripple, [Immutable] CrossLink[] crossLinks);
    [Alias("move")] Task MoveTo(Ripple ripple, string portfolioId);
    [Alias("timeframe")] Task SetTimeframe(Ripple ripple, Timeframe timeframe);
    [Alias("cost-rate")] Task SetCostRate(Ripple ripple, string resourceId, decimal costRate);

    [OneWay, Alias("pred-dates")]
    Task PredecessorDatesChanged(Ripple ripple, string fromProject, long version, [Immutable] BoundaryEarlyDates[] dates);

    [OneWay, Alias("succ-dates")]
    Task SuccessorDatesChanged(Ripple ripple, string toProject, long version, [Immutable] BoundaryLateDates[] dates);

    /// <summary>Forget what was last told to whom and tell everyone again (see IEnterpriseGrain.Resync).</summary>
    [OneWay, Alias("resync")] Task Resync(Ripple ripple);

    [Alias("view")] Task<ProjectView?> GetView();
    /// <summary>The view with links, task baselines and the status date (the dashboard's Gantt).</summary>
    [Alias("plan")] Task<ProjectPlan?> GetPlan();
    [Alias("summary")] Task<ProjectSummary?> GetSummary();
    [Alias("export")] Task<ProjectEntry?> Export();
}
