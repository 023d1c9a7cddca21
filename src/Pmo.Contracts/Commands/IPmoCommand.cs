namespace Pmo.Contracts.Commands;

/// <summary>
/// One command, as the API binds it, the grain handles it, the harness sends it and the audit names it.
/// Ids its path names are <c>[JsonIgnore]</c>: the JSON of a command is exactly its request body.
/// </summary>
public interface IPmoCommand
{
    /// <summary>The rules the command's own values must meet (Pmo.Domain.Commands); null when it may go to its grain.</summary>
    Refusal? Check() => null;

    /// <summary>
    /// The projects and portfolios its body names, with the field naming each: what authorisation asks
    /// "is this in the caller's scope?" about before the command is sent. Ids in the path are judged by the path.
    /// </summary>
    BodyIds Names() => BodyIds.None;

    /// <summary>What a change of this command is about (<c>project:{id}</c>, <c>portfolio:{id}</c>): who may read the change later is judged by it.</summary>
    string[] Subjects() => [];
}

/// <summary>A command on one project: the project it changes first (its path's id), for audit, scope and replay.</summary>
public interface IProjectCommand : IPmoCommand
{
    string ProjectId { get; }

    string[] IPmoCommand.Subjects() => [$"project:{ProjectId}"];
}

/// <summary>A command the API builds from its request: the body (null when it takes none) and the ids in its path.</summary>
public interface IRoutedCommand<TSelf> : IPmoCommand where TSelf : class, IRoutedCommand<TSelf>
{
    static abstract TSelf FromRequest(TSelf? body, CommandPath path);

    /// <summary>False for commands whose path says everything (re-baseline, cancel, delete).</summary>
    static virtual bool HasBody => true;
}

/// <summary>The ids a command's path names: <c>{id}</c>, and <c>{taskId}</c> for task commands.</summary>
public readonly record struct CommandPath(string Id, string? TaskId = null);

/// <summary>Ids named in a command's body, each with the JSON field that names it.</summary>
public sealed record BodyIds((string Field, string? Id)[] Projects, (string Field, string? Id)[] Portfolios)
{
    public static readonly BodyIds None = new([], []);
}
