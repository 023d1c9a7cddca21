namespace Pmo.Domain.Catalog;

public enum RefusalKind
{
    /// <summary>Bad input: 400 with the bad fields named.</summary>
    Invalid,
    /// <summary>An id in the path does not exist: 404.</summary>
    NotFound,
    /// <summary>The change conflicts with stored state (a cycle, a ring, a non-empty portfolio): 409.</summary>
    Conflict,
}

/// <summary>Why a change was refused. Nothing has been changed when one is returned.</summary>
public sealed record Refusal
{
    public required RefusalKind Kind { get; init; }
    public required string Detail { get; init; }
    /// <summary>Field path (e.g. "projects[2].tasks[0].duration") to messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
    /// <summary>A refused task cycle: "projectId/taskId" keys, first repeated last.</summary>
    public IReadOnlyList<string>? Cycle { get; init; }
    /// <summary>A refused portfolio ring: portfolio ids, first repeated last.</summary>
    public IReadOnlyList<string>? Path { get; init; }
}
