namespace Pmo.Load.Scenarios;

/// <summary>How hard to drive: commands per second (0: as fast as possible), requests in flight, how long.</summary>
public sealed record DriveOptions
{
    public double Rate { get; init; } = 100;
    public int Concurrency { get; init; } = 32;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public int Clients { get; init; } = 20;
    public int Seed { get; init; } = 1;
}

/// <summary>
/// A command ready to send (its record: what goes on the wire and what the baseline replays), the kind it
/// is reported as, the project it holds open, and the command that takes it back out of the model if the
/// service refuses it (it was applied when planned).
/// </summary>
public sealed record PlannedCommand(string Kind, IPmoCommand Command, string? HeldProject = null, IPmoCommand? Undo = null);

/// <summary>What a scenario drives with and reports into.</summary>
public sealed class ScenarioContext
{
    private readonly List<string> _notes = [];

    public required ServiceClient Client { get; init; }
    public required LiveModel Model { get; init; }
    public required CommandLog Log { get; init; }
    public required DriveOptions Options { get; init; }

    /// <summary>Things the report should say about how the scenario ran (a step skipped, and why).</summary>
    public IReadOnlyList<string> Notes
    {
        get { lock (_notes) return [.. _notes]; }
    }

    public void Note(string note)
    {
        lock (_notes) _notes.Add(note);
    }

    /// <summary>
    /// Sends the command, records the outcome, takes a refused command back out of the model, and
    /// releases the project it held. A closed-loop sender (no <c>--rate</c>) is a client that waits
    /// for its answers, so when told to come back later it pauses for Retry-After before its next
    /// command; an open-loop driver models arrivals that do not depend on answers, and only counts it.
    /// </summary>
    public async Task<CommandOutcome> IssueAsync(PlannedCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        CommandOutcome outcome;
        try
        {
            outcome = await SendAsync(command, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Released before any pause, so that a cancellation waiting for this project is not held up.
            Release(command);
        }
        if (outcome.Refused && Options.Rate <= 0) await RetryAfterPause.WaitAsync(outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// For a step that must happen (the reorganisation runs once, closed loop): sends the command, and
    /// while the service refuses it waits Retry-After and sends it again, at most <paramref name="attempts"/> times.
    /// The project it holds, if any, stays held until the last answer. Only for commands the caller
    /// applies to the model once accepted: one applied when planned would be taken out at the first refusal.
    /// </summary>
    public async Task<CommandOutcome> IssueUntilTakenAsync(PlannedCommand command, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        if (command.Undo is not null) throw new ArgumentException("a command applied when planned is not sent again", nameof(command));
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var outcome = await SendAsync(command, cancellationToken).ConfigureAwait(false);
                if (!outcome.Refused || attempt == attempts) return outcome;
                await RetryAfterPause.WaitAsync(outcome, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Release(command);
        }
    }

    private async Task<CommandOutcome> SendAsync(PlannedCommand command, CancellationToken cancellationToken)
    {
        var outcome = await Client.SendAsync(command.Command, cancellationToken).ConfigureAwait(false);
        Log.Record(command.Kind, outcome, command.Command);
        // Refused means not applied (that is what Retry-After promises), so the model must not keep it.
        if (outcome.Refused && command.Undo is { } undo) Model.Revert(command.Command, undo);
        return outcome;
    }

    private void Release(PlannedCommand command)
    {
        if (command.HeldProject is { } project) Model.Exit(project);
    }
}

/// <summary>One way of loading the service. Scenarios are stateless; what they need is in the context.</summary>
public interface IScenario
{
    string Name { get; }

    Task RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
