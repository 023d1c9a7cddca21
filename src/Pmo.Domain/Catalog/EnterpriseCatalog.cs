using Pmo.Domain.Documents;
using Pmo.Domain.Model;
using Pmo.Domain.Scheduling;

namespace Pmo.Domain.Catalog;

/// <summary>
/// Validates and applies structural changes to the enterprise (CONTRACT.md "Import semantics" and
/// "Command details"). Every Try* method either returns a <see cref="Refusal"/> and changes nothing,
/// or applies the change and returns null.
/// </summary>
public sealed class EnterpriseCatalog
{
    public EnterpriseCatalog(CatalogState state) => throw new NotImplementedException();

    public CatalogState State => throw new NotImplementedException();

    /// <summary>Checks a whole document against itself and the stored state. Lists every problem
    /// (field paths as JSON paths: "projects[0].tasks[1].duration"); a cycle is reported in
    /// <see cref="Refusal.Cycle"/>, a portfolio ring in <see cref="Refusal.Path"/>.
    /// Returns the plan when the document is valid. Changes nothing.</summary>
    public ImportPlan? ValidateImport(PortfolioDocument document, out Refusal? refusal) => throw new NotImplementedException();

    /// <summary>Applies a plan returned by <see cref="ValidateImport"/> on this same state.</summary>
    public void ApplyImport(ImportPlan plan) => throw new NotImplementedException();

    /// <summary>Validates a cross-link entry (400 naming fields for missing or unknown ids, bad type) and adds it,
    /// or replaces the type and lag of the existing one; 409 with the cycle when it would close one.</summary>
    public Refusal? TryAddCrossLink(CrossLinkEntry entry, out CrossLink? link) => throw new NotImplementedException();

    /// <summary>400 for a malformed entry, 404 when no such link is stored.</summary>
    public Refusal? TryRemoveCrossLink(CrossLinkEntry entry, out CrossLink? removed) => throw new NotImplementedException();

    /// <summary>404 unknown project; 400 "portfolioId" missing or unknown. Returns the previous portfolio id.</summary>
    public Refusal? TryMoveProject(string projectId, string? portfolioId, out string? previousPortfolioId) => throw new NotImplementedException();

    /// <summary>Creates or changes a portfolio. Omitted values keep stored ones; <paramref name="parentIdGiven"/>
    /// with a null <paramref name="parentId"/> makes a root. 400 for a negative budget, an unknown parent or a
    /// missing name on creation; 409 with <see cref="Refusal.Path"/> when the parent would nest it inside itself.</summary>
    public Refusal? TryPutPortfolio(string id, string? name, bool parentIdGiven, string? parentId, decimal? budget, out PortfolioDefinition? before, out PortfolioDefinition? after) => throw new NotImplementedException();

    /// <summary>404 unknown; 409 while it holds projects or sub-portfolios.</summary>
    public Refusal? TryDeletePortfolio(string id) => throw new NotImplementedException();

    /// <summary>404 unknown. Removes the project and every cross link touching it (returned).</summary>
    public Refusal? TryDeleteProject(string id, out ProjectOutline? removed, out IReadOnlyList<CrossLink> removedLinks) => throw new NotImplementedException();

    /// <summary>404 unknown resource; 400 "pool" empty.</summary>
    public Refusal? TryMoveResource(string id, string? pool) => throw new NotImplementedException();

    /// <summary>Checks an assignment command: 404 unknown project; 400 "taskId" unknown in the project,
    /// "resourceId" unknown, "units" missing or negative. Records which resources the project uses.</summary>
    public Refusal? TryRecordAssignment(string projectId, string? taskId, string? resourceId, decimal? units) => throw new NotImplementedException();

    /// <summary>After an assignment change, the project's distinct resource ids (kept for cost-rate changes).</summary>
    public void SetProjectResources(string projectId, IReadOnlyList<string> resourceIds) => throw new NotImplementedException();

    public bool HasProject(string id) => throw new NotImplementedException();
    public bool HasTask(string projectId, string taskId) => throw new NotImplementedException();

    /// <summary>Cross links whose from- or to-end is in the project.</summary>
    public IReadOnlyList<CrossLink> CrossLinksOf(string projectId) => throw new NotImplementedException();

    /// <summary>The portfolio and every ancestor, nearest first.</summary>
    public IReadOnlyList<string> PortfolioPath(string portfolioId) => throw new NotImplementedException();

    /// <summary>Projects whose assignments name the resource.</summary>
    public IReadOnlyList<string> ProjectsUsing(string resourceId) => throw new NotImplementedException();
}
