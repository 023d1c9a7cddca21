namespace Pmo.Host.Api;

/// <summary>How a log is read a page at a time (the alert log, the audit trail): entries after a sequence number, at most a limit of them.</summary>
public static class LogPaging
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    /// <summary>The problem an out-of-range <paramref name="after"/> or <paramref name="limit"/> is answered with; null when both are fine.</summary>
    public static IResult? Refusal(long? after, int? limit) =>
        after is < 0 ? Problems.Invalid("after", "after must be >= 0.")
        : limit is < 1 or > MaxLimit ? Problems.Invalid("limit", $"limit must be between 1 and {MaxLimit}.")
        : null;
}
