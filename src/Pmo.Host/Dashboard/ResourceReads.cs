using System.Security.Claims;
using Pmo.Contracts;
using Pmo.Dashboard.Data;
using Pmo.Domain.Calendar;

namespace Pmo.Host.Dashboard;

/// <summary>
/// The heat map: each resource's daily load over the coming weeks, folded to the peak day of each
/// week (a week is over-allocated when any day in it is). Projects outside the user's scope are left
/// out of a cell's list, as GET /api/resources/{id}/load does.
/// </summary>
internal sealed class ResourceReads(IGrainFactory grains, DashboardScope scope, TimeProvider time) : IResourceData
{
    public async Task<ResourceHeatMap> GetHeatMapAsync(ClaimsPrincipal user, int weeks, CancellationToken cancellationToken = default)
    {
        var outline = await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).Outline();
        var status = outline.StatusDate ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = status.AddDays(-(((int)status.DayOfWeek + 6) % 7));
        var starts = Enumerable.Range(0, weeks).Select(w => first.AddDays(7 * w)).ToArray();
        var last = first.AddDays(7 * weeks - 1);
        var visibleProjects = outline.Projects.Where(p => scope.SeesPortfolio(user, p.Value)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var rows = await Task.WhenAll(outline.Resources.OrderBy(r => r.Pool, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).Select(async r =>
        {
            var load = await grains.GetGrain<IResourceGrain>(r.Id).GetLoad(first, last);
            var days = load?.Days ?? [];
            var cells = starts.Select(start =>
            {
                var week = days.Where(d => d.Date >= start && d.Date < start.AddDays(7)).ToArray();
                var peak = week.Length == 0 ? 0m : week.Max(d => d.Load);
                var projects = week.SelectMany(d => d.Projects).Where(visibleProjects.Contains).Distinct().Order(StringComparer.Ordinal).ToArray();
                return new ResourceWeek(start, peak, peak > r.Capacity, projects);
            }).ToArray();
            return new ResourceLoadRow(r.Id, r.Name, r.Pool, r.Capacity, cells);
        }));
        return new ResourceHeatMap(starts, rows);
    }
}
