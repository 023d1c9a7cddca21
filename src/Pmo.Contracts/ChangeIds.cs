namespace Pmo.Contracts;

/// <summary>
/// A command's change id: <c>c-</c> and a version 7 Guid made from its acceptance time, so ids sort
/// by time (logs and change lists read in order) and a change coordinator that lost its memory with
/// a silo can still tell when its change was accepted.
/// </summary>
public static class ChangeIds
{
    private const string Prefix = "c-";

    public static string New(DateTimeOffset acceptedAt) => $"{Prefix}{Guid.CreateVersion7(acceptedAt):N}";

    /// <summary>When a change id made by <see cref="New"/> was issued (to the millisecond); false for any other id.</summary>
    public static bool TryIssuedAt(string changeId, out DateTimeOffset issuedAt)
    {
        issuedAt = default;
        if (!changeId.StartsWith(Prefix, StringComparison.Ordinal)
            || !Guid.TryParseExact(changeId.AsSpan(Prefix.Length), "N", out var guid)
            || guid.Version != 7)
            return false;
        // The first 48 bits of a version 7 Guid are Unix milliseconds, which "N" writes first as 12 hex digits.
        issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(changeId.Substring(Prefix.Length, 12), 16));
        return true;
    }
}
