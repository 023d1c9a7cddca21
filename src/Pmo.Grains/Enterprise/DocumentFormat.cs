using System.Globalization;
using Pmo.Domain.Calendar;
using Pmo.Domain.Documents;

namespace Pmo.Grains.Enterprise;

/// <summary>Writes stored definitions back in the document's wire form (export).</summary>
internal static class DocumentFormat
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static CalendarDocument Calendar(CalendarSpec spec) => new()
    {
        WorkingDays = [.. spec.WorkingDays.OrderBy(d => ((int)d + 6) % 7).Select(d => DayNames[(int)d])],
        Holidays = [.. spec.Holidays.Order().Select(Date)],
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static PortfolioEntry Portfolio(PortfolioDefinition p) =>
        new() { Id = p.Id, Name = p.Name, ParentId = p.ParentId, Budget = p.Budget };

    public static ResourceEntry Resource(ResourceDefinition r) =>
        new() { Id = r.Id, Name = r.Name, Capacity = r.Capacity, CostRate = r.CostRate, Pool = r.Pool };

    public static CrossLinkEntry CrossLink(CrossLink l) => new()
    {
        FromProject = l.From.ProjectId, FromTask = l.From.TaskId,
        ToProject = l.To.ProjectId, ToTask = l.To.TaskId,
        Type = l.Type.ToString(), Lag = l.Lag,
    };
}
