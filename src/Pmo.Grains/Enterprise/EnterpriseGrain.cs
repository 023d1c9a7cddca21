using Pmo.Domain.Catalog;
using Pmo.Domain.Documents;
using Pmo.Domain.Model;
using Pmo.Grains.Hosting;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Enterprise;

/// <summary>
/// Owns the enterprise's structure (Pmo.Domain.Catalog does the checking). Each command is
/// validated against the whole structure, saved, and then handed to the grains it changes, which
/// are awaited so that an acknowledged command has reached every grain that must hold it. Those
/// grains never call back here: every arrow in the system points away from this grain.
/// </summary>
[GrainType("pmo-enterprise")]
internal sealed partial class EnterpriseGrain(
    [PersistentState("enterprise", PmoStorage.Name)] IPersistentState<EnterpriseState> state) : Grain, IEnterpriseGrain
{
    private EnterpriseCatalog? _catalog;

    private EnterpriseCatalog Catalog => _catalog ??= new EnterpriseCatalog(state.State.Catalog);
    private CatalogState C => Catalog.State;
    private Timeframe Timeframe => new() { Calendar = C.Calendar, StatusDate = C.StatusDate };

    public async Task<Refusal?> AddCrossLink(Ripple ripple, CrossLinkEntry link)
    {
        if (Catalog.TryAddCrossLink(link, out var added) is { } refusal) return refusal;
        await SaveAndTell(ripple, outbox => TellLinks(outbox, [added!.From.ProjectId, added.To.ProjectId]));
        return null;
    }

    public async Task<Refusal?> RemoveCrossLink(Ripple ripple, CrossLinkEntry link)
    {
        if (Catalog.TryRemoveCrossLink(link, out var removed) is { } refusal) return refusal;
        await SaveAndTell(ripple, outbox => TellLinks(outbox, [removed!.From.ProjectId, removed.To.ProjectId]));
        return null;
    }

    public async Task<Refusal?> MoveProject(Ripple ripple, string projectId, string? portfolioId)
    {
        if (Catalog.TryMoveProject(projectId, portfolioId, out _) is { } refusal) return refusal;
        await SaveAndTell(ripple, outbox => Project(projectId).MoveTo(outbox.Awaited(), portfolioId!));
        return null;
    }

    public async Task<Refusal?> MoveResource(Ripple ripple, string resourceId, string? pool)
    {
        if (Catalog.TryMoveResource(resourceId, pool) is { } refusal) return refusal;
        var definition = C.Resources[resourceId];
        await SaveAndTell(ripple, outbox => Resource(resourceId).Define(outbox.Awaited(), definition, Timeframe));
        return null;
    }

    public async Task<Refusal?> PutPortfolio(Ripple ripple, string portfolioId, string? name, bool parentIdGiven, string? parentId, decimal? budget)
    {
        if (Catalog.TryPutPortfolio(portfolioId, name, parentIdGiven, parentId, budget, out _, out var after) is { } refusal) return refusal;
        await SaveAndTell(ripple, async outbox =>
        {
            await Portfolio(portfolioId).Define(outbox.Awaited(), after!);
            await TellPortfolioTree();
        });
        return null;
    }

    public async Task<Refusal?> DeletePortfolio(Ripple ripple, string portfolioId)
    {
        if (Catalog.TryDeletePortfolio(portfolioId) is { } refusal) return refusal;
        await SaveAndTell(ripple, async outbox =>
        {
            await Portfolio(portfolioId).Remove(outbox.Awaited());
            await TellPortfolioTree();
        });
        return null;
    }

    public async Task<Refusal?> DeleteProject(Ripple ripple, string projectId)
    {
        if (Catalog.TryDeleteProject(projectId, out _, out var removedLinks) is { } refusal) return refusal;
        var peers = removedLinks.SelectMany(l => new[] { l.From.ProjectId, l.To.ProjectId }).Where(p => p != projectId);
        await SaveAndTell(ripple, async outbox =>
        {
            await Project(projectId).Cancel(outbox.Awaited());
            await TellLinks(outbox, peers);
        });
        return null;
    }

    public async Task<Refusal?> Assign(Ripple ripple, string projectId, string? taskId, string? resourceId, decimal? units)
    {
        if (Catalog.TryRecordAssignment(projectId, taskId, resourceId, units) is { } refusal) return refusal;
        var rate = C.Resources[resourceId!].CostRate;
        // No catalog save here: the project grain saves the assignment itself, and the catalog only
        // keeps which resources a project uses (to reprice it when a cost rate changes). Saving the
        // whole catalog for that made every assignment cost as much as an import at 10,000 projects.
        var outbox = new Outbox(GrainFactory, ripple, "enterprise");
        var used = await Project(projectId).Assign(outbox.Awaited(), taskId!, resourceId!, units!.Value, rate);
        Catalog.SetProjectResources(projectId, used);
        outbox.Flush();
        return null;
    }

    public Task Resync(Ripple ripple) =>
        SaveAndTell(ripple, async outbox =>
        {
            await TellPortfolioTree();
            // One-way: on a large enterprise the resync runs for minutes, and the enterprise grain
            // must take commands meanwhile; the change's settlement says when it is done.
            foreach (var portfolio in C.Portfolios.Keys) outbox.Post(r => Portfolio(portfolio).Resync(r));
            foreach (var project in C.Projects.Keys) outbox.Post(r => Project(project).Resync(r));
        });

    public Task<bool> HasProject(string projectId) => Task.FromResult(Catalog.HasProject(projectId));

    public Task<bool> HasResource(string resourceId) => Task.FromResult(C.Resources.ContainsKey(resourceId));

    public Task<Placement> Place(string[] projectIds)
    {
        var projects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in projectIds)
            if (id is not null && C.Projects.TryGetValue(id, out var outline)) projects[id] = outline.PortfolioId;
        return Task.FromResult(new Placement
        {
            Parents = C.Portfolios.Values.ToDictionary(p => p.Id, p => p.ParentId, StringComparer.Ordinal),
            ProjectPortfolios = projects,
        });
    }

    public Task<string[]> PortfolioIds() => Task.FromResult(C.Portfolios.Keys.Order(StringComparer.Ordinal).ToArray());

    public async Task<PortfolioDocument> Export()
    {
        var projects = await Task.WhenAll(C.Projects.Keys.Order(StringComparer.Ordinal).Select(id => Project(id).Export()));
        return new PortfolioDocument
        {
            Calendar = DocumentFormat.Calendar(C.Calendar),
            StatusDate = C.StatusDate is { } status ? DocumentFormat.Date(status) : null,
            Portfolios = [.. C.Portfolios.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(DocumentFormat.Portfolio)],
            Resources = [.. C.Resources.Values.OrderBy(r => r.Id, StringComparer.Ordinal).Select(DocumentFormat.Resource)],
            Projects = [.. projects.OfType<ProjectEntry>()],
            CrossLinks = [.. C.CrossLinks.Select(DocumentFormat.CrossLink)],
        };
    }

    /// <summary>Saves the catalog, runs the grain calls the change needs, then reports the root done.</summary>
    private async Task SaveAndTell(Ripple ripple, Func<Outbox, Task> tell)
    {
        await state.WriteStateAsync();
        var outbox = new Outbox(GrainFactory, ripple, "enterprise");
        await tell(outbox);
        outbox.Flush();
    }

    /// <summary>Gives each named project its current cross links.</summary>
    private Task TellLinks(Outbox outbox, IEnumerable<string> projectIds) =>
        Fanout.RunAsync(projectIds.Distinct().Where(Catalog.HasProject),
            p => Project(p).SetCrossLinks(outbox.Awaited(), [.. Catalog.CrossLinksOf(p)]));

    private Task TellPortfolioTree() =>
        GrainFactory.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key)
            .SetPortfolioTree(C.Portfolios.Values.ToDictionary(p => p.Id, p => p.ParentId));

    private IProjectGrain Project(string id) => GrainFactory.GetGrain<IProjectGrain>(id);
    private IResourceGrain Resource(string id) => GrainFactory.GetGrain<IResourceGrain>(id);
    private IPortfolioGrain Portfolio(string id) => GrainFactory.GetGrain<IPortfolioGrain>(id);
}
