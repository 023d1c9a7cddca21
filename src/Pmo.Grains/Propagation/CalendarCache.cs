using System.Collections.Concurrent;
using Pmo.Domain.Calendar;

namespace Pmo.Grains.Propagation;

/// <summary>
/// One <see cref="WorkCalendar"/> per distinct calendar, shared by all grains of the silo:
/// every project holds the same calendar, and building its day tables once per project would
/// cost memory in proportion to the number of projects.
/// </summary>
internal static class CalendarCache
{
    private static readonly ConcurrentDictionary<string, WorkCalendar> Calendars = new();

    public static WorkCalendar For(CalendarSpec spec)
    {
        var key = string.Join(',', spec.WorkingDays.Order()) + "|" + string.Join(',', spec.Holidays.Order());
        return Calendars.GetOrAdd(key, _ => new WorkCalendar(spec));
    }
}
