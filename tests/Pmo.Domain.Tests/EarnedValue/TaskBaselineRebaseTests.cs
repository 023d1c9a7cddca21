using Pmo.Domain.Calendar;
using Pmo.Domain.EarnedValue;

namespace Pmo.Domain.Tests.EarnedValue;

public sealed class TaskBaselineRebaseTests
{
    private static readonly WorkCalendar Weekdays = WorkCalendar.Default;
    private static readonly WorkCalendar EveryDay = new(new CalendarSpec { WorkingDays = Enum.GetValues<DayOfWeek>(), Holidays = [] });

    [Fact]
    public void Rebasing_onto_a_seven_day_calendar_keeps_the_baseline_dates_and_planned_value()
    {
        // Mon 2027-01-04 .. Fri 2027-01-08, 1500 spread over five days; status Wed 2027-01-06.
        var baseline = new TaskBaseline(Weekdays.DayNumber(new DateOnly(2027, 1, 4)), Weekdays.DayNumber(new DateOnly(2027, 1, 8)) + 1, 1500m);
        var status = new DateOnly(2027, 1, 6);
        Assert.Equal(900m, EarnedValueRules.PlannedValue(baseline, Weekdays.LastDayOnOrBefore(status)));

        var rebased = baseline.Rebase(Weekdays, EveryDay);

        Assert.Equal(new DateOnly(2027, 1, 4), EveryDay.DateOf(rebased.StartDay));
        Assert.Equal(new DateOnly(2027, 1, 8), EveryDay.DateOf(rebased.FinishDay - 1));
        Assert.Equal(900m, EarnedValueRules.PlannedValue(rebased, EveryDay.LastDayOnOrBefore(status)));
    }

    [Fact]
    public void Rebasing_a_span_across_a_weekend_counts_the_weekend_days_on_the_new_calendar()
    {
        // Fri 2027-01-08 .. Mon 2027-01-11 is two working days Mon–Fri and four every day.
        var baseline = new TaskBaseline(Weekdays.DayNumber(new DateOnly(2027, 1, 8)), Weekdays.DayNumber(new DateOnly(2027, 1, 11)) + 1, 400m);
        var rebased = baseline.Rebase(Weekdays, EveryDay);
        Assert.Equal(4, rebased.FinishDay - rebased.StartDay);
    }

    [Fact]
    public void Rebasing_a_milestone_keeps_its_date()
    {
        var day = Weekdays.DayNumber(new DateOnly(2027, 3, 1));
        var rebased = new TaskBaseline(day, day, 10m).Rebase(Weekdays, EveryDay);
        Assert.Equal(rebased.StartDay, rebased.FinishDay);
        Assert.Equal(new DateOnly(2027, 3, 1), EveryDay.DateOf(rebased.StartDay));
    }
}
