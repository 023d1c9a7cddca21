using Pmo.Load.Measurement;
using Pmo.Load.Model;
using Pmo.Load.Service;

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

/// <summary>A command ready to send: its HTTP form, what the baseline replays, and the project it holds open.</summary>
public sealed record PlannedCommand(string Kind, HttpMethod Method, string Path, object? Body, SentChange? Change, string? HeldProject = null);

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

    /// <summary>Sends the command, records the outcome, and releases the project it held.</summary>
    public async Task<Pmo.Load.Service.CommandOutcome> IssueAsync(PlannedCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            var outcome = await Client.SendAsync(command.Method, command.Path, command.Body, cancellationToken).ConfigureAwait(false);
            Log.Record(command.Kind, outcome, command.Change);
            return outcome;
        }
        finally
        {
            if (command.HeldProject is { } project) Model.Exit(project);
        }
    }

    public static string ProjectPath(string projectId) => $"/api/projects/{Uri.EscapeDataString(projectId)}";

    public static string TaskPath(string projectId, string taskId) => $"{ProjectPath(projectId)}/tasks/{Uri.EscapeDataString(taskId)}";
}

/// <summary>One way of loading the service. Scenarios are stateless; what they need is in the context.</summary>
public interface IScenario
{
    string Name { get; }

    Task RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
