using HdrHistogram;

namespace Pmo.Load.Measurement;

/// <summary>p50/p95/p99/max of a set of values; every figure is null when nothing was recorded.</summary>
public sealed record Percentiles
{
    public long Count { get; init; }
    public double? P50 { get; init; }
    public double? P95 { get; init; }
    public double? P99 { get; init; }
    public double? Max { get; init; }
    public double? Mean { get; init; }

    public static Percentiles Empty { get; } = new();

    /// <summary>The nearest-rank figures of values already in ascending order (exact, no histogram).</summary>
    public static Percentiles OfSorted(IReadOnlyList<double> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) return Empty;
        double At(double q) => Math.Round(sorted[(int)(q * (sorted.Count - 1))], 3);
        return new Percentiles
        {
            Count = sorted.Count, P50 = At(0.50), P95 = At(0.95), P99 = At(0.99), Max = Math.Round(sorted[^1], 3), Mean = Math.Round(sorted.Average(), 3),
        };
    }
}

/// <summary>
/// An HdrHistogram of non-negative values kept in fixed-point units (microseconds for latencies),
/// safe to record into from many threads. Values are clamped into the trackable range so that one
/// absurd sample cannot throw inside a measurement callback.
/// </summary>
public sealed class LatencyHistogram
{
    private const long Highest = 3_600_000_000L; // an hour, in units of 1/scale
    private readonly object _gate = new();
    private readonly LongHistogram _histogram = new(Highest, 3);
    private readonly double _scale;

    /// <param name="scale">Recorded units per reported unit: 1000 records milliseconds in microseconds.</param>
    public LatencyHistogram(double scale = 1000)
    {
        _scale = scale;
    }

    public long Count
    {
        get { lock (_gate) return _histogram.TotalCount; }
    }

    public void Record(double value)
    {
        var units = (long)Math.Round(Math.Clamp(value, 0, Highest / _scale) * _scale);
        lock (_gate) _histogram.RecordValue(Math.Max(0, Math.Min(units, Highest)));
    }

    public void Record(TimeSpan latency) => Record(latency.TotalMilliseconds);

    public Percentiles Summary()
    {
        lock (_gate)
        {
            if (_histogram.TotalCount == 0) return Percentiles.Empty;
            return new Percentiles
            {
                Count = _histogram.TotalCount,
                P50 = Round(_histogram.GetValueAtPercentile(50) / _scale),
                P95 = Round(_histogram.GetValueAtPercentile(95) / _scale),
                P99 = Round(_histogram.GetValueAtPercentile(99) / _scale),
                Max = Round(_histogram.GetMaxValue() / _scale),
                Mean = Round(_histogram.GetMean() / _scale),
            };
        }
    }

    private static double Round(double value) => Math.Round(value, 3);
}
