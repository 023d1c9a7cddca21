using System.Security.Claims;
using Pmo.Contracts;
using Pmo.Dashboard.Data;
using Pmo.Domain.Calendar;
using Pmo.Grains.Alerts;

namespace Pmo.Host.Dashboard;

/// <summary>The alert log and change traces, filtered to what the user may see.</summary>
internal sealed class AlertReads(IGrainFactory grains, DashboardScope scope) : IAlertData, IChangeData
{
    private IAlertLogGrain Log => grains.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key);

    public async Task<AlertPageResult> GetAlertsAsync(ClaimsPrincipal user, string alertScope, long after, int limit, CancellationToken cancellationToken = default)
    {
        if (!AlertScope.TryParse(alertScope, out var parsed)) return new AlertPageResult([], 0);
        var page = await Log.Query(parsed.ToString(), after, Math.Clamp(limit, 1, 10_000));
        return new AlertPageResult([.. page.Items.Where(e => Sees(user, e)).Select(DashboardMapping.Item)], page.LastSeq);
    }

    public async Task<ChangeTraceView?> GetChangeAsync(ClaimsPrincipal user, string changeId, CancellationToken cancellationToken = default)
    {
        var trace = await grains.GetGrain<IChangeGrain>(changeId).GetTrace();
        if (trace is null) return null;
        var outline = await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).Outline();
        var calendar = new WorkCalendar(outline.Calendar);
        var s = trace.Status;
        string[] Touched(string kind) => [.. trace.Grains.Where(g => g.StartsWith(kind + "/", StringComparison.Ordinal)).Select(g => g[(kind.Length + 1)..])];
        var moves = trace.Moves
            .Where(m => !outline.Projects.TryGetValue(m.ProjectId, out var portfolio) || scope.SeesPortfolio(user, portfolio))
            .Select(m => new ProjectMoveRow(m.ProjectId, m.From, m.To, calendar.DayNumber(m.To) - calendar.DayNumber(m.From)))
            .ToList();
        return new ChangeTraceView(s.ChangeId, s.Status, s.GrainsTouched, s.AlertsRaised, s.AcceptedAt, s.SettledAt, moves,
            Touched("resource"), [.. Touched("portfolio").Where(p => scope.SeesPortfolio(user, p))],
            [.. trace.Alerts.Where(e => Sees(user, e)).Select(DashboardMapping.Item)]);
    }

    private bool Sees(ClaimsPrincipal user, AlertEntry entry) =>
        scope.SeesEverything(user) || entry.PortfolioIds.Any(p => scope.SeesPortfolio(user, p));
}
