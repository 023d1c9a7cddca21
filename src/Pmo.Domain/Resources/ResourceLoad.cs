namespace Pmo.Domain.Resources;

/// <summary>One assignment's load on a resource: <see cref="Units"/> on each working day StartDay..EndDay-1.</summary>
public sealed record LoadSegment(string ProjectId, string TaskId, int StartDay, int EndDay, decimal Units);

/// <summary>A maximal run of consecutive over-allocated working days (FromDay..ToDay inclusive).</summary>
public sealed record OverallocationRun(int FromDay, int ToDay, decimal Peak);

/// <summary>Load of one working day, with the projects that contribute to it (sorted, distinct).</summary>
public sealed record DayLoad(int Day, decimal Load, IReadOnlyList<string> Projects);

public static class ResourceLoad
{
    /// <summary>Load on every working day from..to inclusive, zero-load days included.</summary>
    public static IReadOnlyList<DayLoad> Daily(IEnumerable<LoadSegment> segments, int fromDay, int toDay) =>
        throw new NotImplementedException();

    /// <summary>Maximal runs of days where load &gt; capacity, over the whole schedule, in day order.</summary>
    public static IReadOnlyList<OverallocationRun> Overallocations(decimal capacity, IEnumerable<LoadSegment> segments) =>
        throw new NotImplementedException();
}
