namespace Pmo.Domain.Calendar;

/// <summary>
/// The portfolio's working-day calendar. Every working day gets the next integer
/// (its "day number"); scheduling is done in day numbers and only turned back into
/// dates for display. A date that is not a working day maps to the next working day.
/// </summary>
/// <remarks>
/// Immutable once built, so one instance is safely shared by every grain of a silo.
/// Day numbers count from a fixed epoch (the first working day on or after Monday
/// 2000-01-03 is day 0), so they stay stable when a holiday after the dates in
/// question changes. Lookups are O(1): a table covers 1970..2200 (stretched to
/// reach every holiday), and outside it no holiday exists, so the weekly pattern
/// alone gives the answer by arithmetic.
/// </remarks>
public sealed class WorkCalendar
{
    private static readonly DateOnly Epoch = new(2000, 1, 3);
    private static readonly DateOnly TableFloor = new(1970, 1, 1);
    private static readonly DateOnly TableCeiling = new(2200, 12, 31);

    public static WorkCalendar Default { get; } = new(CalendarSpec.Default);

    private readonly CalendarSpec _spec;

    // Day index i is counted from _tableStart (a Monday, DateOnly.DayNumber units).
    private readonly int _tableStart;
    private readonly int _tableLength; // a whole number of weeks
    // _before[i] = working days in table days [0, i); length _tableLength + 1.
    private readonly int[] _before;
    // _dayOfWorking[k] = day index of the k-th working day of the table.
    private readonly int[] _dayOfWorking;
    // Day number of the table's first working day slot: day number = _numberBase + _before[i].
    private readonly int _numberBase;

    private readonly int _perWeek;
    // _weekPrefix[r] = working weekdays among the first r days of a Monday-based week.
    private readonly int[] _weekPrefix = new int[8];
    // _weekSlot[s] = offset from Monday of the s-th working weekday.
    private readonly int[] _weekSlot;

    public WorkCalendar(CalendarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;

        var weekMask = new bool[7];
        foreach (var day in spec.WorkingDays)
        {
            if (day < DayOfWeek.Sunday || day > DayOfWeek.Saturday)
                throw new ArgumentException($"'{day}' is not a day of the week.", nameof(spec));
            weekMask[MondayOffset(day)] = true;
        }

        _perWeek = weekMask.Count(w => w);
        // Without a working weekday no date has a "next working day"; every lookup would loop forever.
        if (_perWeek == 0)
            throw new ArgumentException("A calendar needs at least one working day of the week.", nameof(spec));

        _weekSlot = new int[_perWeek];
        for (int r = 0, s = 0; r < 7; r++)
        {
            _weekPrefix[r + 1] = _weekPrefix[r] + (weekMask[r] ? 1 : 0);
            if (weekMask[r]) _weekSlot[s++] = r;
        }

        var first = TableFloor.DayNumber;
        var last = TableCeiling.DayNumber;
        foreach (var holiday in spec.Holidays)
        {
            first = Math.Min(first, holiday.DayNumber);
            last = Math.Max(last, holiday.DayNumber);
        }

        // Aligning to whole Monday-based weeks lets the arithmetic outside the table reuse
        // the week pattern from offset 0 on both sides.
        // DateOnly.MinValue is a Monday, so this never goes below day 0.
        _tableStart = first - MondayOffset(DateOnly.FromDayNumber(first).DayOfWeek);
        var end = last + 1;
        _tableLength = (end - _tableStart + 6) / 7 * 7;

        var holidays = new HashSet<int>();
        foreach (var holiday in spec.Holidays) holidays.Add(holiday.DayNumber);

        _before = new int[_tableLength + 1];
        var working = new List<int>(_tableLength / 7 * _perWeek);
        for (var i = 0; i < _tableLength; i++)
        {
            var isWorking = weekMask[i % 7] && !holidays.Contains(_tableStart + i);
            _before[i + 1] = _before[i] + (isWorking ? 1 : 0);
            if (isWorking) working.Add(i);
        }
        _dayOfWorking = working.ToArray();
        _numberBase = -_before[Epoch.DayNumber - _tableStart];
    }

    public CalendarSpec Spec => _spec;

    public bool IsWorkingDay(DateOnly date)
    {
        var i = date.DayNumber - _tableStart;
        if ((uint)i < (uint)_tableLength) return _before[i + 1] != _before[i];
        return _weekPrefix[Mod7(i) + 1] != _weekPrefix[Mod7(i)];
    }

    // The next working day's number equals the count of working days strictly before the date,
    // so one formula serves working and non-working dates alike.
    /// <summary>Working-day number of <paramref name="date"/>; a non-working date maps to the next working day.</summary>
    public int DayNumber(DateOnly date) => _numberBase + WorkingBefore(date.DayNumber - _tableStart);

    /// <summary>The date of working day <paramref name="dayNumber"/>.</summary>
    public DateOnly DateOf(int dayNumber)
    {
        var k = (long)dayNumber - _numberBase;
        long index;
        if (k >= 0 && k < _dayOfWorking.Length)
        {
            index = _dayOfWorking[k];
        }
        else if (k < 0)
        {
            var week = FloorDiv(k, _perWeek);
            index = week * 7 + _weekSlot[(int)(k - week * _perWeek)];
        }
        else
        {
            var beyond = k - _dayOfWorking.Length;
            index = _tableLength + beyond / _perWeek * 7 + _weekSlot[(int)(beyond % _perWeek)];
        }

        var absolute = _tableStart + index;
        if (absolute < DateOnly.MinValue.DayNumber || absolute > DateOnly.MaxValue.DayNumber)
            throw new ArgumentOutOfRangeException(nameof(dayNumber), dayNumber, "The working day falls outside the representable dates.");
        return DateOnly.FromDayNumber((int)absolute);
    }

    /// <summary>Number of working days with date &lt;= <paramref name="date"/>, as a day number bound:
    /// the largest day number whose date is on or before <paramref name="date"/>.</summary>
    public int LastDayOnOrBefore(DateOnly date) => _numberBase + WorkingBefore(date.DayNumber - _tableStart + 1) - 1;

    /// <summary>Working days in table days [0, i) — negative when i is before the table.</summary>
    private int WorkingBefore(int i)
    {
        if ((uint)i <= (uint)_tableLength) return _before[i];
        if (i < 0)
        {
            var week = FloorDiv(i, 7);
            return week * _perWeek + _weekPrefix[i - week * 7];
        }
        var beyond = i - _tableLength;
        return _before[_tableLength] + beyond / 7 * _perWeek + _weekPrefix[beyond % 7];
    }

    private static int MondayOffset(DayOfWeek day) => ((int)day + 6) % 7;

    private static int Mod7(int i) => ((i % 7) + 7) % 7;

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
