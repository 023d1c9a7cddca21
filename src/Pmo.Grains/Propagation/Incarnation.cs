namespace Pmo.Grains.Propagation;

/// <summary>
/// Names one life of a grain that can be removed and created again under the same id (a cancelled
/// project imported anew, a deleted portfolio recreated). Alert ids carry it, so an alert of the new
/// life never reuses the id of a resolved alert of the old one.
/// </summary>
internal static class Incarnation
{
    public static string New(TimeProvider time) => Base36(time.GetUtcNow().UtcTicks);

    public static string AlertOwner(string kind, string id, string? incarnation) =>
        incarnation is null ? $"{kind}:{id}" : $"{kind}:{id}@{incarnation}";

    private static string Base36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var chars = new Stack<char>();
        do { chars.Push(digits[(int)(value % 36)]); value /= 36; } while (value > 0);
        return new string([.. chars]);
    }
}
