namespace Pmo.Grains.Propagation;

internal static class StatusDay
{
    /// <summary>The document's status date when one was given, otherwise today (CONTRACT.md).</summary>
    public static DateOnly Resolve(DateOnly? statusDate, TimeProvider time) =>
        statusDate ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
