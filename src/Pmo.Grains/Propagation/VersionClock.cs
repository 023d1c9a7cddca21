namespace Pmo.Grains.Propagation;

/// <summary>
/// Version stamps on what a grain tells others. Receivers keep the newest version per sender and
/// drop older ones, so the final state does not depend on the order Orleans delivers messages in.
/// Stamps follow the clock (UTC ticks) rather than a counter alone so that a grain re-created
/// under the same id (a cancelled project imported again) still outranks its earlier life.
/// </summary>
internal static class VersionClock
{
    public static long Next(long previous, TimeProvider time) =>
        Math.Max(previous + 1, time.GetUtcNow().UtcTicks);
}
