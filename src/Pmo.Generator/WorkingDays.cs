using System.Globalization;

namespace Pmo.Generator;

/// <summary>
/// Working-day numbering of the generated calendar, counted from the first working day on or after
/// the origin. The generator plans in these numbers exactly as the service schedules (CONTRACT.md,
/// "Scheduling rules"), so that its progress, deadlines and binding cross links agree with the
/// dates the service will compute.
/// </summary>
internal sealed class WorkingDays
{
    private readonly bool[] _weekdays = new bool[7];
    private readonly HashSet<DateOnly> _holidays;
    private readonly List<DateOnly> _dates = new();
    private readonly List<string> _texts = new();
    private DateOnly _next;

    public WorkingDays(DateOnly origin, IEnumerable<DayOfWeek> weekdays, IEnumerable<DateOnly> holidays)
    {
        foreach (var day in weekdays) _weekdays[(int)day] = true;
        if (!_weekdays.Contains(true)) throw new ArgumentException("At least one working day is required.", nameof(weekdays));
        _holidays = new HashSet<DateOnly>(holidays);
        _next = origin;
    }

    public bool IsWorkingDay(DateOnly date) => _weekdays[(int)date.DayOfWeek] && !_holidays.Contains(date);

    public DateOnly DateOf(int number)
    {
        Extend(number);
        return _dates[number];
    }

    /// <summary>The date as "yyyy-MM-dd", one shared string per day: a large document repeats few dates.</summary>
    public string TextOf(int number)
    {
        Extend(number);
        return _texts[number];
    }

    /// <summary>The number of the date, or of the next working day when it is not one.</summary>
    public int NumberOnOrAfter(DateOnly date)
    {
        while (_dates.Count == 0 || _dates[^1] < date) Extend(_dates.Count);
        var index = _dates.BinarySearch(date);
        return index >= 0 ? index : ~index;
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Extend(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        while (_dates.Count <= number)
        {
            var date = _next;
            _next = _next.AddDays(1);
            if (!IsWorkingDay(date)) continue;
            _dates.Add(date);
            _texts.Add(Format(date));
        }
    }
}
