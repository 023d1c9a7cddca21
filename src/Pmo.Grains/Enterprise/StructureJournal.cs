using Pmo.Domain.Catalog;
using Pmo.Domain.Documents;

namespace Pmo.Grains.Enterprise;

/// <summary>
/// The structural commands accepted since the catalog was last written whole. A move, a cross link
/// or an assignment appends one small entry and writes only this journal, so a structural command
/// costs the same at 100 projects as at 50,000; the catalog is written whole on import, on resync
/// and every <see cref="EnterpriseGrain.CompactAfter"/> entries, after which the journal is emptied.
/// On activation the catalog is read and the entries after <see cref="EnterpriseState.JournalThrough"/>
/// are applied again, in order, through the same catalog methods that accepted them.
/// </summary>
[GenerateSerializer, Alias("pmo.structure-journal")]
public sealed class StructureJournal
{
    [Id(0)] public List<StructureEntry> Entries { get; set; } = new();
}

/// <summary>One accepted structural command, with exactly the arguments its catalog method took.</summary>
[GenerateSerializer, Immutable, Alias("pmo.structure-entry")]
public sealed record StructureEntry
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public StructureAction Action { get; init; }
    [Id(2)] public string? ProjectId { get; init; }
    [Id(3)] public string? PortfolioId { get; init; }
    [Id(4)] public string? ResourceId { get; init; }
    [Id(5)] public string? TaskId { get; init; }
    [Id(6)] public string? Pool { get; init; }
    [Id(7)] public string? Name { get; init; }
    [Id(8)] public bool ParentIdGiven { get; init; }
    [Id(9)] public string? ParentId { get; init; }
    [Id(10)] public decimal? Budget { get; init; }
    [Id(11)] public decimal? Units { get; init; }
    [Id(12)] public CrossLinkEntry? Link { get; init; }
    /// <summary>For <see cref="StructureAction.ProjectResources"/>: every resource the project now uses.</summary>
    [Id(13)] public string[]? Resources { get; init; }

    /// <summary>Applies the entry again to a catalog read back from storage.</summary>
    public Refusal? ReplayOn(EnterpriseCatalog catalog) => Action switch
    {
        StructureAction.AddCrossLink => catalog.TryAddCrossLink(Link!, out _),
        StructureAction.RemoveCrossLink => catalog.TryRemoveCrossLink(Link!, out _),
        StructureAction.MoveProject => catalog.TryMoveProject(ProjectId!, PortfolioId, out _),
        StructureAction.MoveResource => catalog.TryMoveResource(ResourceId!, Pool),
        StructureAction.PutPortfolio => catalog.TryPutPortfolio(PortfolioId!, Name, ParentIdGiven, ParentId, Budget, out _, out _),
        StructureAction.DeletePortfolio => catalog.TryDeletePortfolio(PortfolioId!),
        StructureAction.DeleteProject => catalog.TryDeleteProject(ProjectId!, out _, out _),
        StructureAction.ProjectResources => SetResources(catalog),
        _ => throw new InvalidOperationException($"Unknown structural action {Action}."),
    };

    private Refusal? SetResources(EnterpriseCatalog catalog)
    {
        catalog.SetProjectResources(ProjectId!, Resources ?? []);
        return null;
    }
}

public enum StructureAction
{
    AddCrossLink,
    RemoveCrossLink,
    MoveProject,
    MoveResource,
    PutPortfolio,
    DeletePortfolio,
    DeleteProject,
    /// <summary>An assignment changed which resources a project uses (the catalog reprices by it).</summary>
    ProjectResources,
}
