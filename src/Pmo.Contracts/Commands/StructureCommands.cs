using Pmo.Domain.Commands;
using Pmo.Domain.Documents;

namespace Pmo.Contracts.Commands;

// Commands that change the enterprise's structure, handled by IEnterpriseGrain: its catalog checks
// what needs stored state (unknown ids, cycles, rings), with the same field names as the body.

/// <summary>A cross link's ends as the body names them (the document's <c>crossLinks</c> entry).</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.cross-link")]
public abstract record CrossLinkCommand : IPmoCommand
{
    [Id(0)] public string? FromProject { get; init; }
    [Id(1)] public string? FromTask { get; init; }
    [Id(2)] public string? ToProject { get; init; }
    [Id(3)] public string? ToTask { get; init; }
    [Id(4)] public string? Type { get; init; }
    [Id(5)] public int? Lag { get; init; }

    /// <summary>A cross link is a manager's to change only when both of its projects are in their scope.</summary>
    public BodyIds Names() => new([("fromProject", FromProject), ("toProject", ToProject)], []);

    public string[] Subjects() =>
        [.. new[] { FromProject, ToProject }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => $"project:{p!.Trim()}").Distinct()];

    public CrossLinkEntry Entry() => new() { FromProject = FromProject, FromTask = FromTask, ToProject = ToProject, ToTask = ToTask, Type = Type, Lag = Lag };
}

/// <summary>Adds or changes an assignment (units 0 removes it). POST /api/projects/{id}/assignments.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.assign-resource")]
public sealed record AssignResource : IProjectCommand, IRoutedCommand<AssignResource>
{
    [Id(0), JsonIgnore] public string ProjectId { get; init; } = "";
    [Id(1)] public string? TaskId { get; init; }
    [Id(2)] public string? ResourceId { get; init; }
    [Id(3)] public decimal? Units { get; init; }

    public static AssignResource FromRequest(AssignResource? body, CommandPath path) => (body ?? new()) with { ProjectId = path.Id };
}

/// <summary>The project changes portfolio. POST /api/projects/{id}/move.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.move-project")]
public sealed record MoveProject : IProjectCommand, IRoutedCommand<MoveProject>
{
    [Id(0), JsonIgnore] public string ProjectId { get; init; } = "";
    [Id(1)] public string? PortfolioId { get; init; }

    /// <summary>Both ends of a move must be in the caller's scope: the path's project, and this portfolio.</summary>
    public BodyIds Names() => new([], [("portfolioId", PortfolioId)]);
    public static MoveProject FromRequest(MoveProject? body, CommandPath path) => (body ?? new()) with { ProjectId = path.Id };
}

/// <summary>Cancels the project. DELETE /api/projects/{id}.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.cancel-project")]
public sealed record CancelProject([property: Id(0)] string ProjectId) : IProjectCommand, IRoutedCommand<CancelProject>
{
    public static bool HasBody => false;
    public static CancelProject FromRequest(CancelProject? body, CommandPath path) => new(path.Id);
}

/// <summary>Adds a cross-project link, or changes the type and lag of one. POST /api/crosslinks.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.add-cross-link")]
public sealed record AddCrossLink : CrossLinkCommand, IRoutedCommand<AddCrossLink>
{
    public static AddCrossLink FromRequest(AddCrossLink? body, CommandPath path) => body ?? new();
}

/// <summary>Removes a cross-project link. DELETE /api/crosslinks.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.remove-cross-link")]
public sealed record RemoveCrossLink : CrossLinkCommand, IRoutedCommand<RemoveCrossLink>
{
    public static RemoveCrossLink FromRequest(RemoveCrossLink? body, CommandPath path) => body ?? new();
}

/// <summary>The resource changes pool. POST /api/resources/{id}/move.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.move-resource")]
public sealed record MoveResource : IRoutedCommand<MoveResource>
{
    [Id(0), JsonIgnore] public string ResourceId { get; init; } = "";
    [Id(1)] public string? Pool { get; init; }

    public static MoveResource FromRequest(MoveResource? body, CommandPath path) => (body ?? new()) with { ResourceId = path.Id };
}

/// <summary>
/// Creates or changes a portfolio. PUT /api/portfolios/{id}. An omitted parentId keeps the parent and an
/// explicit null makes a root, which JSON binding cannot tell apart: the API reads this body by hand and
/// says which it was in <see cref="ParentIdGiven"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.put-portfolio")]
public sealed record PutPortfolio : IPmoCommand
{
    [Id(0), JsonIgnore] public string PortfolioId { get; init; } = "";
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public string? ParentId { get; init; }
    [Id(3), JsonIgnore] public bool ParentIdGiven { get; init; }
    [Id(4)] public decimal? Budget { get; init; }

    public Refusal? Check() => CommandRules.Parent(ParentId);
    public BodyIds Names() => new([], [("parentId", ParentId)]);
    public string[] Subjects() => [$"portfolio:{PortfolioId}"];
}

/// <summary>Removes an empty portfolio. DELETE /api/portfolios/{id}.</summary>
[GenerateSerializer, Immutable, Alias("pmo.cmd.delete-portfolio")]
public sealed record DeletePortfolio([property: Id(0)] string PortfolioId) : IRoutedCommand<DeletePortfolio>
{
    public string[] Subjects() => [$"portfolio:{PortfolioId}"];
    public static bool HasBody => false;
    public static DeletePortfolio FromRequest(DeletePortfolio? body, CommandPath path) => new(path.Id);
}
