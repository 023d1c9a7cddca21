namespace Pmo.Domain.Resources;

/// <summary>One assignment's load on a resource: <see cref="Units"/> on each working day StartDay..EndDay-1.</summary>
public sealed record LoadSegment(string ProjectId, string TaskId, int StartDay, int EndDay, decimal Units);

/// <summary>A maximal run of consecutive over-allocated working days (FromDay..ToDay inclusive).</summary>
public sealed record OverallocationRun(int FromDay, int ToDay, decimal Peak);

/// <summary>Load of one working day, with the projects that contribute to it (sorted, distinct).</summary>
public sealed record DayLoad(int Day, decimal Load, IReadOnlyList<string> Projects);

/// <remarks>
/// Both answers sweep over the segments' start and end events, so the cost grows with the number
/// of segments (n log n), not with the length of the spans they cover: a resource loaded by a
/// ten-year programme costs as much as one loaded for a week. The load between two consecutive
/// event days is constant, and <see cref="Daily"/> shares one project list across such a stretch.
/// </remarks>
public static class ResourceLoad
{
    /// <summary>Load on every working day from..to inclusive, zero-load days included.</summary>
    public static IReadOnlyList<DayLoad> Daily(IEnumerable<LoadSegment> segments, int fromDay, int toDay)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (toDay < fromDay) return [];
        long afterLast = (long)toDay + 1;
        long count = afterLast - fromDay;
        if (count > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(toDay), $"{count} days do not fit in one answer.");

        var sweep = new Sweep(Events(segments, fromDay, afterLast));
        var days = new DayLoad[count];
        var contributors = new Dictionary<string, int>(StringComparer.Ordinal);
        IReadOnlyList<string> projects = [];
        long day = fromDay;
        while (day < afterLast)
        {
            if (sweep.ApplyAt(day, contributors))
                projects = contributors.Count == 0 ? [] : [.. contributors.Keys.Order(StringComparer.Ordinal)];

            var next = Math.Min(sweep.NextDay ?? afterLast, afterLast);
            var load = sweep.Load;
            for (var d = day; d < next; d++)
                days[d - fromDay] = new DayLoad((int)d, load, projects);
            day = next;
        }
        return days;
    }

    /// <summary>Maximal runs of days where load &gt; capacity, over the whole schedule, in day order.</summary>
    public static IReadOnlyList<OverallocationRun> Overallocations(decimal capacity, IEnumerable<LoadSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var sweep = new Sweep(Events(segments, long.MinValue, long.MaxValue));
        var runs = new List<OverallocationRun>();
        (long From, long To, decimal Peak)? open = null;

        // Stretches between consecutive event days are adjacent, so an over-allocated stretch
        // directly after another one continues its run; any stretch within capacity ends it.
        // After the last event nothing is loaded, so nothing beyond it can be over-allocated
        // (capacity is never negative).
        while (sweep.NextDay is { } day)
        {
            sweep.ApplyAt(day, contributors: null);
            if (sweep.NextDay is not { } next) break;
            var load = sweep.Load;
            if (load > capacity)
                open = open is { } run ? (run.From, next - 1, Math.Max(run.Peak, load)) : (day, next - 1, load);
            else if (open is { } run)
            {
                runs.Add(new OverallocationRun((int)run.From, (int)run.To, run.Peak));
                open = null;
            }
        }
        if (open is { } last) runs.Add(new OverallocationRun((int)last.From, (int)last.To, last.Peak));
        return runs;
    }

    private readonly record struct LoadEvent(long Day, decimal Delta, string ProjectId);

    /// <summary>Start and end events of the segments that load something, clipped to [from, afterLast).</summary>
    private static List<LoadEvent> Events(IEnumerable<LoadSegment> segments, long from, long afterLast)
    {
        var events = new List<LoadEvent>();
        foreach (var segment in segments)
        {
            if (segment.Units <= 0m || segment.EndDay <= segment.StartDay) continue;
            var start = Math.Max(segment.StartDay, from);
            var end = Math.Min(segment.EndDay, afterLast);
            if (start >= end) continue;
            events.Add(new LoadEvent(start, segment.Units, segment.ProjectId));
            events.Add(new LoadEvent(end, -segment.Units, segment.ProjectId));
        }
        events.Sort((a, b) => a.Day.CompareTo(b.Day));
        return events;
    }

    private static bool Enter(Dictionary<string, int> contributors, string projectId)
    {
        var count = contributors.GetValueOrDefault(projectId);
        contributors[projectId] = count + 1;
        return count == 0;
    }

    private static bool Leave(Dictionary<string, int> contributors, string projectId)
    {
        var count = contributors[projectId] - 1;
        if (count > 0)
        {
            contributors[projectId] = count;
            return false;
        }
        contributors.Remove(projectId);
        return true;
    }

    /// <summary>Walks sorted events, keeping the running load of the segments that are active.</summary>
    private sealed class Sweep(List<LoadEvent> events)
    {
        private int _next;
        private int _active;
        private decimal _load;

        /// <summary>The load after every event up to the last applied day.</summary>
        /// <remarks>Exactly 0 once nothing is active, so that rounding in long running sums (units
        /// with many digits) cannot leave a phantom load behind an idle stretch.</remarks>
        public decimal Load => _active == 0 ? 0m : Normalized(_load);

        public long? NextDay => _next < events.Count ? events[_next].Day : null;

        /// <summary>Applies every event on <paramref name="day"/>; tracks the contributing projects when asked.</summary>
        /// <returns>Whether a project started or stopped contributing.</returns>
        public bool ApplyAt(long day, Dictionary<string, int>? contributors)
        {
            var membershipChanged = false;
            while (_next < events.Count && events[_next].Day == day)
            {
                var e = events[_next++];
                var starts = e.Delta > 0m;
                _active += starts ? 1 : -1;
                _load += e.Delta;
                if (contributors is not null)
                    membershipChanged |= starts ? Enter(contributors, e.ProjectId) : Leave(contributors, e.ProjectId);
            }
            return membershipChanged;
        }

        /// <summary>Drops trailing zeros that sums pick up from their operands' scales (0.50 + 0.5 = 1.00),
        /// so that a load reads the same however it was reached.</summary>
        private static decimal Normalized(decimal value) => value / 1.0000000000000000000000000000m;
    }
}
