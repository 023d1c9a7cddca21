namespace Pmo.Load.Service;

/// <summary>How a closed-loop sender of the harness honours a refusal's Retry-After.</summary>
public static class RetryAfterPause
{
    /// <summary>The longest one pause lasts: a drive lasts seconds, and a longer wait would only end it.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    /// <summary>Waits as long as the refusal asked (at most <see cref="Longest"/>); at once when it did not say.</summary>
    public static Task WaitAsync(CommandOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var wait = outcome.RetryAfter ?? TimeSpan.Zero;
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait < Longest ? wait : Longest, cancellationToken);
    }
}
