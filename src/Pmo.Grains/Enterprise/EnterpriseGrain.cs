using Microsoft.Extensions.Logging;
using Pmo.Contracts.Commands;
using Pmo.Domain.Catalog;
using Pmo.Domain.Documents;
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
    [PersistentState("enterprise", PmoStorage.Name)] IPersistentState<EnterpriseState> state,
    [PersistentState("enterprise-journal", PmoStorage.Name)] IPersistentState<StructureJournal> journal,
    [PersistentState("enterprise-import", PmoStorage.Name)] IPersistentState<PendingImport> pendingImport,
    ILogger<EnterpriseGrain> logger) : Grain, IEnterpriseGrain
{
    /// <summary>Journal entries after which the catalog is written whole and the journal emptied.</summary>
    public const int CompactAfter = 256;

    private EnterpriseCatalog? _catalog;
    private long _journalSeq;

    private EnterpriseCatalog Catalog => _catalog ??= Load();

    /// <summary>
    /// Replays the journal before the first command: a write of the catalog records how far the
    /// journal is in it, which must never be read from a catalog that has not replayed it yet.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ = Catalog;
        ResumePendingImport();
        return Task.CompletedTask;
    }
    private CatalogState C => Catalog.State;
    private Timeframe Timeframe => new() { Calendar = C.Calendar, StatusDate = C.StatusDate };

    public async Task<Refusal?> AddCrossLink(Ripple ripple, AddCrossLink command)
    {
        var link = command.Entry();
        if (Catalog.TryAddCrossLink(link, out var added) is { } refusal) return refusal;
        await SaveAndTell(ripple, new StructureEntry { Action = StructureAction.AddCrossLink, Link = link }, outbox => TellLinks(outbox, [added!.From.ProjectId, added.To.ProjectId]));
        return null;
    }

    public async Task<Refusal?> RemoveCrossLink(Ripple ripple, RemoveCrossLink command)
    {
        var link = command.Entry();
        if (Catalog.TryRemoveCrossLink(link, out var removed) is { } refusal) return refusal;
        await SaveAndTell(ripple, new StructureEntry { Action = StructureAction.RemoveCrossLink, Link = link }, outbox => TellLinks(outbox, [removed!.From.ProjectId, removed.To.ProjectId]));
        return null;
    }

    public async Task<Refusal?> MoveProject(Ripple ripple, MoveProject command)
    {
        var (projectId, portfolioId) = (command.ProjectId, command.PortfolioId);
        if (Catalog.TryMoveProject(projectId, portfolioId, out _) is { } refusal) return refusal;
        await SaveAndTell(ripple, new StructureEntry { Action = StructureAction.MoveProject, ProjectId = projectId, PortfolioId = portfolioId }, outbox => Project(projectId).MoveTo(outbox.Awaited(), portfolioId!));
        return null;
    }

    public async Task<Refusal?> MoveResource(Ripple ripple, MoveResource command)
    {
        var (resourceId, pool) = (command.ResourceId, command.Pool);
        if (Catalog.TryMoveResource(resourceId, pool) is { } refusal) return refusal;
        var definition = C.Resources[resourceId];
        await SaveAndTell(ripple, new StructureEntry { Action = StructureAction.MoveResource, ResourceId = resourceId, Pool = pool }, outbox => Resource(resourceId).Define(outbox.Awaited(), definition, Timeframe));
        return null;
    }

    public async Task<Refusal?> PutPortfolio(Ripple ripple, PutPortfolio command)
    {
        if (command.Check() is { } invalid) return invalid;
        var (portfolioId, name, parentIdGiven, parentId, budget) = (command.PortfolioId, command.Name, command.ParentIdGiven, command.ParentId, command.Budget);
        if (Catalog.TryPutPortfolio(portfolioId, name, parentIdGiven, parentId, budget, out _, out var after) is { } refusal) return refusal;
        var entry = new StructureEntry
        {
            Action = StructureAction.PutPortfolio, PortfolioId = portfolioId, Name = name, ParentIdGiven = parentIdGiven, ParentId = parentId, Budget = budget,
        };
        await SaveAndTell(ripple, entry, async outbox =>
        {
            await Portfolio(portfolioId).Define(outbox.Awaited(), after!);
            await TellPortfolioTree();
        });
        return null;
    }

    public async Task<Refusal?> DeletePortfolio(Ripple ripple, DeletePortfolio command)
    {
        var portfolioId = command.PortfolioId;
        if (Catalog.TryDeletePortfolio(portfolioId) is { } refusal) return refusal;
        await SaveAndTell(ripple, new StructureEntry { Action = StructureAction.DeletePortfolio, PortfolioId = portfolioId }, async outbox =>
        {
            await Portfolio(portfolioId).Remove(outbox.Awaited());
            await TellPortfolioTree();
        });
        return null;
    }

    public async Task<Refusal?> DeleteProject(Ripple ripple, CancelProject command)
    {
        var projectId = command.ProjectId;
        if (Catalog.TryDeleteProject(projectId, out _, out var removedLinks) is { } refusal) return refusal;
        var peers = removedLinks.SelectMany(l => new[] { l.From.ProjectId, l.To.ProjectId }).Where(p => p != projectId);
        await SaveAndTell(ripple, new StructureEntry { Action = StructureAction.DeleteProject, ProjectId = projectId }, async outbox =>
        {
            await Project(projectId).Cancel(outbox.Awaited());
            await TellLinks(outbox, peers);
        });
        return null;
    }

    public async Task<Refusal?> Assign(Ripple ripple, AssignResource command)
    {
        var (projectId, taskId, resourceId, units) = (command.ProjectId, command.TaskId, command.ResourceId, command.Units);
        var usedBefore = C.Projects.TryGetValue(projectId, out var outline) ? outline.ResourceIds : [];
        if (Catalog.TryRecordAssignment(projectId, taskId, resourceId, units) is { } refusal) return refusal;
        var rate = C.Resources[resourceId!].CostRate;
        // The project grain saves the assignment itself; the catalog keeps only which resources a
        // project uses (to reprice it when a cost rate changes), journalled when that set changes.
        var outbox = new Outbox(GrainFactory, ripple, "enterprise");
        var used = await Project(projectId).Assign(outbox.Awaited(), taskId!, resourceId!, units!.Value, rate);
        if (!usedBefore.Order(StringComparer.Ordinal).SequenceEqual(used.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            Catalog.SetProjectResources(projectId, used);
            await Record(new StructureEntry { Action = StructureAction.ProjectResources, ProjectId = projectId, Resources = used });
        }
        outbox.Flush();
        return null;
    }

    public Task Resync(Ripple ripple) =>
        SaveAndTell(ripple, entry: null, async outbox =>
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

    public Task<EnterpriseOutline> Outline() => Task.FromResult(new EnterpriseOutline
    {
        Portfolios = [.. C.Portfolios.Values],
        Resources = [.. C.Resources.Values],
        Projects = C.Projects.Values.ToDictionary(p => p.Id, p => p.PortfolioId),
        CrossLinks = [.. C.CrossLinks.Select(l => new PlanLink
        {
            FromProject = l.From.ProjectId, FromTask = l.From.TaskId, ToProject = l.To.ProjectId, ToTask = l.To.TaskId, Type = l.Type.ToString(), Lag = l.Lag,
        })],
        Calendar = C.Calendar,
        StatusDate = C.StatusDate,
    });

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

    /// <summary>
    /// Saves the change (its journal entry, or the whole catalog when there is none), runs the grain
    /// calls the change needs, then reports the root done.
    /// </summary>
    private async Task SaveAndTell(Ripple ripple, StructureEntry? entry, Func<Outbox, Task> tell)
    {
        if (entry is null) await WriteCatalog();
        else await Record(entry);
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

    /// <summary>Appends an accepted command to the journal (and compacts when it is long).</summary>
    private async Task Record(StructureEntry entry)
    {
        journal.State.Entries.Add(entry with { Seq = ++_journalSeq });
        await Persist(journal.State.Entries.Count >= CompactAfter ? WriteCatalog : journal.WriteStateAsync);
    }

    /// <summary>The catalog whole, then an empty journal. A crash between the two leaves entries the
    /// catalog already holds; <see cref="EnterpriseState.JournalThrough"/> tells replay to skip them.</summary>
    private Task WriteCatalog() => Persist(async () =>
    {
        state.State.JournalThrough = _journalSeq;
        await state.WriteStateAsync();
        if (journal.State.Entries.Count == 0) return;
        journal.State.Entries.Clear();
        await journal.WriteStateAsync();
    });

    /// <summary>
    /// The catalog in memory already holds the change when a write fails; the command is refused
    /// (the exception reaches the caller) and this activation goes, so the next one reads back what
    /// storage really has instead of answering from a catalog that claims more.
    /// </summary>
    private async Task Persist(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private EnterpriseCatalog Load()
    {
        var catalog = new EnterpriseCatalog(state.State.Catalog);
        _journalSeq = state.State.JournalThrough;
        foreach (var entry in journal.State.Entries.Where(e => e.Seq > state.State.JournalThrough).OrderBy(e => e.Seq))
        {
            // Each entry was accepted against exactly this sequence of states, so it applies again.
            if (entry.ReplayOn(catalog) is { } refusal)
                throw new InvalidOperationException($"Structure journal entry {entry.Seq} ({entry.Action}) no longer applies: {refusal.Detail}");
            _journalSeq = entry.Seq;
        }
        return catalog;
    }

    private IProjectGrain Project(string id) => GrainFactory.GetGrain<IProjectGrain>(id);
    private IResourceGrain Resource(string id) => GrainFactory.GetGrain<IResourceGrain>(id);
    private IPortfolioGrain Portfolio(string id) => GrainFactory.GetGrain<IPortfolioGrain>(id);
}
