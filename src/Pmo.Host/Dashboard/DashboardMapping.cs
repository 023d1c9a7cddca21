using Pmo.Contracts;
using Pmo.Dashboard.Data;
using static Pmo.Grains.Propagation.Figures;

namespace Pmo.Host.Dashboard;

/// <summary>Grain views and pushes in the dashboard's terms (money to cents, indices to 4 places, as the API rounds).</summary>
internal static class DashboardMapping
{
    public static PortfolioRow Row(PortfolioView v, int openAlerts) =>
        new(v.Id, v.Name, v.ParentId, v.ProjectCount, v.Budget, v.Eac, v.Cpi, v.Spi, v.Health, openAlerts, v.Finish);

    public static ProjectRow Row(ProjectSummary s) =>
        new(s.ProjectId, s.Name, s.PortfolioId, s.Budget, Money(s.Totals.Eac), Index(s.Totals.Cpi), Index(s.Totals.Spi),
            s.Health.ToString().ToLowerInvariant(), s.Finish, s.BaselineFinish, s.OpenAlerts);

    public static ProjectRow Row(ProjectView v, int openAlerts) =>
        new(v.Id, v.Name, v.PortfolioId, v.Budget, v.Eac, v.Cpi, v.Spi, v.Health, v.Finish, v.BaselineFinish, openAlerts);

    public static AlertItem Item(AlertEntry e) =>
        new(e.Seq, e.Id, e.Kind, e.Severity, e.State, e.Subject, e.PortfolioIds, e.ProjectIds, e.ResourceIds, e.Message, e.ChangeId, e.At);

    public static TaskLink Link(PlanLink l) => new(l.FromProject, l.FromTask, l.ToProject, l.ToTask, l.Type, l.Lag);
}
