using Pmo.Domain.Calendar;

namespace Pmo.Domain.Tests.Calendar;

public sealed class WorkCalendarTests
{
    private static readonly DateOnly Friday = new(2024, 3, 8);
    private static readonly DateOnly Saturday = new(2024, 3, 9);
    private static readonly DateOnly Sunday = new(2024, 3, 10);
    private static readonly DateOnly Monday = new(2024, 3, 11);

    private static WorkCalendar WithHolidays(params DateOnly[] holidays) =>
        new(CalendarSpec.Default with { Holidays = holidays });

    private static WorkCalendar EveryDay() =>
        new(new CalendarSpec { WorkingDays = Enum.GetValues<DayOfWeek>(), Holidays = [] });

    [Fact]
    public void Epoch_monday_is_day_zero()
    {
        Assert.Equal(0, WorkCalendar.Default.DayNumber(new DateOnly(2000, 1, 3)));
        Assert.Equal(1, WorkCalendar.Default.DayNumber(new DateOnly(2000, 1, 4)));
        Assert.Equal(-1, WorkCalendar.Default.DayNumber(new DateOnly(1999, 12, 31)));
    }

    [Fact]
    public void Weekend_is_skipped_between_friday_and_monday()
    {
        var calendar = WorkCalendar.Default;
        Assert.Equal(calendar.DayNumber(Friday) + 1, calendar.DayNumber(Monday));
        Assert.False(calendar.IsWorkingDay(Saturday));
        Assert.False(calendar.IsWorkingDay(Sunday));
        Assert.True(calendar.IsWorkingDay(Friday));
        Assert.True(calendar.IsWorkingDay(Monday));
    }

    [Fact]
    public void Weekend_dates_map_to_the_next_monday()
    {
        var calendar = WorkCalendar.Default;
        Assert.Equal(calendar.DayNumber(Monday), calendar.DayNumber(Saturday));
        Assert.Equal(calendar.DayNumber(Monday), calendar.DayNumber(Sunday));
        Assert.Equal(Monday, calendar.DateOf(calendar.DayNumber(Saturday)));
    }

    [Theory]
    [InlineData(2024, 12, 25)] // Christmas, a Wednesday
    [InlineData(2500, 6, 1)] // a Tuesday far in the future
    public void Midweek_holiday_is_not_a_working_day_and_maps_to_the_next_working_day(int year, int month, int day)
    {
        var holiday = new DateOnly(year, month, day);
        var calendar = WithHolidays(holiday);
        var before = holiday.AddDays(-1);
        var after = holiday.AddDays(1);

        Assert.False(calendar.IsWorkingDay(holiday));
        Assert.Equal(calendar.DayNumber(before) + 1, calendar.DayNumber(after));
        Assert.Equal(calendar.DayNumber(after), calendar.DayNumber(holiday));
        Assert.Equal(after, calendar.DateOf(calendar.DayNumber(holiday)));
    }

    [Fact]
    public void Holiday_on_friday_makes_the_weekend_map_past_it_to_monday()
    {
        var calendar = WithHolidays(Friday);
        Assert.Equal(calendar.DayNumber(Monday), calendar.DayNumber(Friday));
        Assert.Equal(calendar.DayNumber(new DateOnly(2024, 3, 7)) + 1, calendar.DayNumber(Monday));
    }

    [Fact]
    public void Holiday_on_a_weekend_changes_nothing()
    {
        var plain = WorkCalendar.Default;
        var withSaturdayHoliday = WithHolidays(Saturday);
        for (var d = new DateOnly(2024, 1, 1); d < new DateOnly(2025, 1, 1); d = d.AddDays(1))
            Assert.Equal(plain.DayNumber(d), withSaturdayHoliday.DayNumber(d));
    }

    [Fact]
    public void Holiday_before_the_epoch_shifts_earlier_numbers_only()
    {
        var holiday = new DateOnly(1999, 12, 29);
        var calendar = WithHolidays(holiday);
        Assert.Equal(WorkCalendar.Default.DayNumber(new DateOnly(2010, 6, 1)), calendar.DayNumber(new DateOnly(2010, 6, 1)));
        Assert.Equal(WorkCalendar.Default.DayNumber(new DateOnly(1999, 12, 1)) + 1, calendar.DayNumber(new DateOnly(1999, 12, 1)));
    }

    [Fact]
    public void Seven_day_calendar_makes_every_date_a_working_day()
    {
        var calendar = EveryDay();
        var first = new DateOnly(2023, 1, 1);
        var firstNumber = calendar.DayNumber(first);
        for (var offset = 0; offset < 3 * 366; offset++)
        {
            var date = first.AddDays(offset);
            Assert.True(calendar.IsWorkingDay(date));
            Assert.Equal(firstNumber + offset, calendar.DayNumber(date));
            Assert.Equal(date, calendar.DateOf(firstNumber + offset));
            Assert.Equal(firstNumber + offset, calendar.LastDayOnOrBefore(date));
        }
    }

    [Fact]
    public void Last_day_on_or_before_a_weekend_is_the_friday()
    {
        var calendar = WorkCalendar.Default;
        Assert.Equal(calendar.DayNumber(Friday), calendar.LastDayOnOrBefore(Saturday));
        Assert.Equal(calendar.DayNumber(Friday), calendar.LastDayOnOrBefore(Sunday));
        Assert.Equal(calendar.DayNumber(Friday), calendar.LastDayOnOrBefore(Friday));
        Assert.Equal(calendar.DayNumber(Monday), calendar.LastDayOnOrBefore(Monday));
    }

    [Fact]
    public void Last_day_on_or_before_a_monday_holiday_is_the_previous_friday()
    {
        var calendar = WithHolidays(Monday);
        Assert.Equal(calendar.DayNumber(Friday), calendar.LastDayOnOrBefore(Monday));
    }

    [Fact]
    public void Date_of_day_number_round_trips_for_working_days_over_several_years()
    {
        var calendar = WithHolidays(new DateOnly(2021, 1, 1), new DateOnly(2022, 12, 26), new DateOnly(2024, 5, 1));
        var previous = int.MinValue;
        for (var date = new DateOnly(2020, 1, 1); date < new DateOnly(2026, 1, 1); date = date.AddDays(1))
        {
            if (!calendar.IsWorkingDay(date)) continue;
            var number = calendar.DayNumber(date);
            Assert.Equal(date, calendar.DateOf(number));
            if (previous != int.MinValue) Assert.Equal(previous + 1, number);
            previous = number;
        }
    }

    [Theory]
    [InlineData(1960, 1980)] // across the table's lower edge (1970), where numbering turns to arithmetic
    [InlineData(2190, 2210)] // across the upper edge (2200)
    [InlineData(1850, 1852)]
    [InlineData(2600, 2602)]
    public void Working_days_stay_consecutive_and_round_trip_far_from_the_epoch(int fromYear, int toYear)
    {
        var calendar = WorkCalendar.Default;
        var previous = int.MinValue;
        for (var date = new DateOnly(fromYear, 1, 1); date < new DateOnly(toYear, 1, 1); date = date.AddDays(1))
        {
            var number = calendar.DayNumber(date);
            var weekday = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            Assert.Equal(weekday, calendar.IsWorkingDay(date));
            if (!weekday)
            {
                Assert.Equal(number - 1, calendar.LastDayOnOrBefore(date));
                continue;
            }
            Assert.Equal(date, calendar.DateOf(number));
            Assert.Equal(number, calendar.LastDayOnOrBefore(date));
            if (previous != int.MinValue) Assert.Equal(previous + 1, number);
            previous = number;
        }
    }

    [Fact]
    public void Single_working_weekday_numbers_one_day_a_week()
    {
        var calendar = new WorkCalendar(new CalendarSpec { WorkingDays = [DayOfWeek.Wednesday], Holidays = [] });
        var wednesday = new DateOnly(2024, 3, 6);
        Assert.Equal(calendar.DayNumber(wednesday) + 1, calendar.DayNumber(wednesday.AddDays(7)));
        Assert.Equal(calendar.DayNumber(wednesday.AddDays(7)), calendar.DayNumber(wednesday.AddDays(1)));
        Assert.Equal(wednesday.AddDays(-7), calendar.DateOf(calendar.DayNumber(wednesday) - 1));
    }

    [Fact]
    public void Calendar_without_working_days_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WorkCalendar(new CalendarSpec { WorkingDays = [], Holidays = [] }));
    }

    [Fact]
    public void Spec_is_the_one_the_calendar_was_built_from()
    {
        var spec = CalendarSpec.Default with { Holidays = [Monday] };
        Assert.Same(spec, new WorkCalendar(spec).Spec);
    }
}
