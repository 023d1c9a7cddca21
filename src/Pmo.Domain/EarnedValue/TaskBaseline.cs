namespace Pmo.Domain.EarnedValue;

/// <summary>What the baseline planned for one task: its working days StartDay..FinishDay-1 and its cost.
/// A milestone has StartDay == FinishDay and its cost falls on StartDay.</summary>
public sealed record TaskBaseline(int StartDay, int FinishDay, decimal Cost)
{
    /// <summary>
    /// The same baseline dates on another calendar. Day numbers only mean something on the calendar
    /// they were counted on; what a baseline records is dates, so a new calendar keeps the first and
    /// last baseline dates and recounts the working days between them.
    /// </summary>
    public TaskBaseline Rebase(WorkCalendar from, WorkCalendar to)
    {
        var first = from.DateOf(StartDay);
        if (FinishDay <= StartDay)
        {
            var day = to.DayNumber(first);
            return this with { StartDay = day, FinishDay = day };
        }
        var last = from.DateOf(FinishDay - 1);
        var start = to.DayNumber(first);
        var end = to.LastDayOnOrBefore(last) + 1;
        return this with { StartDay = start, FinishDay = Math.Max(start, end) };
    }
}
