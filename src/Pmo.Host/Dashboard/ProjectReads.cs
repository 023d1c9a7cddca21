using System.Security.Claims;
using Pmo.Contracts;
using Pmo.Dashboard.Data;

namespace Pmo.Host.Dashboard;

/// <summary>A project's plan for the Gantt, from its grain.</summary>
internal sealed class ProjectReads(IGrainFactory grains, DashboardScope scope) : IProjectData
{
    public async Task<ProjectDetail?> GetProjectAsync(ClaimsPrincipal user, string projectId, CancellationToken cancellationToken = default)
    {
        var plan = await grains.GetGrain<IProjectGrain>(projectId).GetPlan();
        // Outside the user's scope reads as unknown, as the API answers 404 (ids do not leak).
        if (plan is null || !scope.SeesPortfolio(user, plan.View.PortfolioId)) return null;
        var v = plan.View;
        var open = await grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).OpenCount($"project:{projectId}");
        var baselines = plan.Baselines.ToDictionary(b => b.TaskId, StringComparer.Ordinal);
        var tasks = v.Tasks.Select(t =>
        {
            var baseline = baselines.GetValueOrDefault(t.Id);
            return new GanttTask(t.Id, t.Name, t.Duration, t.PercentComplete, t.EarlyStart, t.EarlyFinish,
                baseline?.Start, baseline?.Finish, t.TotalFloat, t.Critical, t.Deadline);
        }).ToList();
        return new ProjectDetail(DashboardMapping.Row(v, open), v.Start, plan.StatusDate, v.Bac, v.Ev, v.Ac, v.Pv, tasks,
            [.. plan.Links.Select(DashboardMapping.Link)], [.. plan.CrossLinks.Select(DashboardMapping.Link)]);
    }
}
