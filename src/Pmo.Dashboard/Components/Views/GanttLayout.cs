using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Components.Views;

/// <summary>
/// Where the Gantt draws things: one row per task in early-start order, a day scale fitted to the
/// chart width over the span of current dates, baselines and the status date. Pure, so tested alone.
/// </summary>
public sealed class GanttLayout
{
    public const double LabelWidth = 230, ChartWidth = 960, RowHeight = 26, HeaderHeight = 22;

    private readonly Dictionary<string, int> _rows;

    public GanttLayout(IReadOnlyList<GanttTask> tasks, DateOnly statusDate)
    {
        Tasks = [.. tasks.OrderBy(t => t.Start).ThenBy(t => t.Finish).ThenBy(t => t.Id, StringComparer.Ordinal)];
        _rows = Tasks.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var dates = Tasks.SelectMany(t => new[] { t.Start, t.Finish, t.BaselineStart ?? t.Start, t.BaselineFinish ?? t.Finish }).Append(statusDate).ToList();
        First = dates.Min();
        Last = dates.Max();
        DayWidth = ChartWidth / (Last.DayNumber - First.DayNumber + 1);
    }

    public IReadOnlyList<GanttTask> Tasks { get; }
    public DateOnly First { get; }
    public DateOnly Last { get; }
    public double DayWidth { get; }
    public double Width => LabelWidth + ChartWidth + 10;
    public double Height => HeaderHeight + Tasks.Count * RowHeight + 6;

    /// <summary>Left edge of a day.</summary>
    public double X(DateOnly date) => LabelWidth + (date.DayNumber - First.DayNumber) * DayWidth;

    /// <summary>Right edge of a day (a bar ends after its last day).</summary>
    public double XEnd(DateOnly date) => X(date) + DayWidth;

    public bool HasRow(string taskId) => _rows.ContainsKey(taskId);

    public double Y(string taskId) => HeaderHeight + _rows[taskId] * RowHeight;

    /// <summary>An elbow from the predecessor's driving end to the successor's driven end, by link type.</summary>
    public string LinkPath(TaskLink link)
    {
        var from = Tasks[_rows[link.FromTask]];
        var to = Tasks[_rows[link.ToTask]];
        var x1 = link.Type is "SS" or "SF" ? X(from.Start) : XEnd(from.Finish);
        var x2 = link.Type is "FF" or "SF" ? XEnd(to.Finish) : X(to.Start);
        var y1 = Y(from.Id) + 9;
        var y2 = Y(to.Id) + 9;
        var bend = x1 + 6;
        return FormattableString.Invariant($"M{x1:0.#},{y1:0.#} H{bend:0.#} V{y2:0.#} H{x2:0.#}");
    }

    /// <summary>Month starts inside the span, for the scale.</summary>
    public IEnumerable<DateOnly> MonthTicks()
    {
        for (var month = new DateOnly(First.Year, First.Month, 1).AddMonths(1); month <= Last; month = month.AddMonths(1))
            yield return month;
    }
}
