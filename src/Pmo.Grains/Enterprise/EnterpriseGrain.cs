using Microsoft.Extensions.Logging;
using Pmo.Contracts.Commands;
using Pmo.Domain.Catalog;
using Pmo.Domain.Documents;
using Pmo.Grains.Hosting;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Enterprise;

/// <summary>
/// Owns the enterprise's structure (Pmo.Domain.Catalog does the checking). Each command is checked
/// against the whole structure and applied to it in one turn, journaled, and then handed to the grains
/// it changes, which are awaited so that an acknowledged command has reached every grain that must hold
/// it. Structural commands interleave: their journal entries share commits (<see cref="StructureWrites"/>)
/// and their calls to different grains run side by side, each grain hearing them in journal order
/// (<see cref="GrainLanes"/>); an import or a resync runs alone (<see cref="StructureGate"/>). Those
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

    private StructureWrites _writes = null!;
    private StructureGate _gate = null!;
    private readonly GrainLanes _lanes = new();

    private EnterpriseCatalog Catalog { get; set; } = null!;

    /// <summary>
    /// Replays the journal before the first command: a write of the catalog records how far the
    /// journal is in it, which must never be read from a catalog that has not replayed it yet.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = new StructureWrites(state, journal, CompactAfter, DeactivateOnIdle);
        _gate = new StructureGate(() => _writes.Broken || _importFailed);
        Catalog = Load();
        ResumePendingImport();
        return Task.CompletedTask;
    }
    private CatalogState C => Catalog.State;
    private Timeframe Timeframe => new() { Calendar = C.Calendar, StatusDate = C.StatusDate };

    public Task<Refusal?> AddCrossLink(Ripple ripple, AddCrossLink command) => Structural(ripple, () =>
    {
        var link = command.Entry();
        if (Catalog.TryAddCrossLink(link, out var added) is { } refusal) return Decision.Refused(refusal);
        var links = LinksOf([added!.From.ProjectId, added.To.ProjectId]);
        return new(new StructureEntry { Action = StructureAction.AddCrossLink, Link = link }, ProjectLanes(links.Keys), outbox => TellLinks(outbox, links));
    });

    public Task<Refusal?> RemoveCrossLink(Ripple ripple, RemoveCrossLink command) => Structural(ripple, () =>
    {
        var link = command.Entry();
        if (Catalog.TryRemoveCrossLink(link, out var removed) is { } refusal) return Decision.Refused(refusal);
        var links = LinksOf([removed!.From.ProjectId, removed.To.ProjectId]);
        return new(new StructureEntry { Action = StructureAction.RemoveCrossLink, Link = link }, ProjectLanes(links.Keys), outbox => TellLinks(outbox, links));
    });

    public Task<Refusal?> MoveProject(Ripple ripple, MoveProject command) => Structural(ripple, () =>
    {
        var (projectId, portfolioId) = (command.ProjectId, command.PortfolioId);
        if (Catalog.TryMoveProject(projectId, portfolioId, out _) is { } refusal) return Decision.Refused(refusal);
        return new(new StructureEntry { Action = StructureAction.MoveProject, ProjectId = projectId, PortfolioId = portfolioId },
            ProjectLanes([projectId]), outbox => Project(projectId).MoveTo(outbox.Awaited(), portfolioId!));
    });

    public Task<Refusal?> MoveResource(Ripple ripple, MoveResource command) => Structural(ripple, () =>
    {
        var (resourceId, pool) = (command.ResourceId, command.Pool);
        if (Catalog.TryMoveResource(resourceId, pool) is { } refusal) return Decision.Refused(refusal);
        var (definition, timeframe) = (C.Resources[resourceId], Timeframe);
        return new(new StructureEntry { Action = StructureAction.MoveResource, ResourceId = resourceId, Pool = pool },
            [$"resource:{resourceId}"], outbox => Resource(resourceId).Define(outbox.Awaited(), definition, timeframe));
    });

    public Task<Refusal?> PutPortfolio(Ripple ripple, PutPortfolio command) => Structural(ripple, () =>
    {
        if (command.Check() is { } invalid) return Decision.Refused(invalid);
        var (portfolioId, name, parentIdGiven, parentId, budget) = (command.PortfolioId, command.Name, command.ParentIdGiven, command.ParentId, command.Budget);
        if (Catalog.TryPutPortfolio(portfolioId, name, parentIdGiven, parentId, budget, out _, out var after) is { } refusal) return Decision.Refused(refusal);
        var entry = new StructureEntry
        {
            Action = StructureAction.PutPortfolio, PortfolioId = portfolioId, Name = name, ParentIdGiven = parentIdGiven, ParentId = parentId, Budget = budget,
        };
        var tree = PortfolioTree();
        return new(entry, [$"portfolio:{portfolioId}", TreeLane], async outbox =>
        {
            await Portfolio(portfolioId).Define(outbox.Awaited(), after!);
            await TellPortfolioTree(tree);
        });
    });

    public Task<Refusal?> DeletePortfolio(Ripple ripple, DeletePortfolio command) => Structural(ripple, () =>
    {
        var portfolioId = command.PortfolioId;
        if (Catalog.TryDeletePortfolio(portfolioId) is { } refusal) return Decision.Refused(refusal);
        var tree = PortfolioTree();
        return new(new StructureEntry { Action = StructureAction.DeletePortfolio, PortfolioId = portfolioId }, [$"portfolio:{portfolioId}", TreeLane], async outbox =>
        {
            await Portfolio(portfolioId).Remove(outbox.Awaited());
            await TellPortfolioTree(tree);
        });
    });

    public Task<Refusal?> DeleteProject(Ripple ripple, CancelProject command) => Structural(ripple, () =>
    {
        var projectId = command.ProjectId;
        if (Catalog.TryDeleteProject(projectId, out _, out var removedLinks) is { } refusal) return Decision.Refused(refusal);
        var links = LinksOf(removedLinks.SelectMany(l => new[] { l.From.ProjectId, l.To.ProjectId }).Where(p => p != projectId));
        return new(new StructureEntry { Action = StructureAction.DeleteProject, ProjectId = projectId }, ProjectLanes([projectId, .. links.Keys]), async outbox =>
        {
            await Project(projectId).Cancel(outbox.Awaited());
            await TellLinks(outbox, links);
        });
    });

    public async Task<Refusal?> Assign(Ripple ripple, AssignResource command)
    {
        var (projectId, taskId, resourceId, units) = (command.ProjectId, command.TaskId, command.ResourceId, command.Units);
        await _gate.EnterAsync();
        try
        {
            if (Catalog.TryRecordAssignment(projectId, taskId, resourceId, units) is { } refusal) return refusal;
            var rate = C.Resources[resourceId!].CostRate;
            // The project grain saves the assignment itself; the catalog keeps only which resources a
            // project uses (to reprice it when a cost rate changes), journaled when that set changes.
            // In the project's lane, so that two assignments to one project compare against each other.
            var outbox = new Outbox(GrainFactory, ripple, "enterprise");
            await _lanes.Run(ProjectLanes([projectId]), async () =>
            {
                var usedBefore = C.Projects.TryGetValue(projectId, out var outline) ? outline.ResourceIds : [];
                var used = await Project(projectId).Assign(outbox.Awaited(), taskId!, resourceId!, units!.Value, rate);
                if (usedBefore.Order(StringComparer.Ordinal).SequenceEqual(used.Order(StringComparer.Ordinal), StringComparer.Ordinal)) return;
                Catalog.SetProjectResources(projectId, used);
                await _writes.Append(new StructureEntry { Action = StructureAction.ProjectResources, ProjectId = projectId, Resources = used });
            });
            outbox.Flush();
            return null;
        }
        finally
        {
            _gate.Leave();
        }
    }

    public async Task Resync(Ripple ripple)
    {
        await _gate.CloseAsync();
        try
        {
            await _writes.WriteWhole();
            var outbox = new Outbox(GrainFactory, ripple, "enterprise");
            await TellPortfolioTree(PortfolioTree());
            // One-way: on a large enterprise the resync runs for minutes, and the enterprise grain
            // must take commands meanwhile; the change's settlement says when it is done.
            foreach (var portfolio in C.Portfolios.Keys) outbox.Post(r => Portfolio(portfolio).Resync(r));
            foreach (var project in C.Projects.Keys) outbox.Post(r => Project(project).Resync(r));
            outbox.Flush();
        }
        finally
        {
            _gate.Open();
        }
    }

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
        // The catalog as it stands now: structural commands interleave with the projects' answers.
        var document = new PortfolioDocument
        {
            Calendar = DocumentFormat.Calendar(C.Calendar),
            StatusDate = C.StatusDate is { } status ? DocumentFormat.Date(status) : null,
            Portfolios = [.. C.Portfolios.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(DocumentFormat.Portfolio)],
            Resources = [.. C.Resources.Values.OrderBy(r => r.Id, StringComparer.Ordinal).Select(DocumentFormat.Resource)],
            CrossLinks = [.. C.CrossLinks.Select(DocumentFormat.CrossLink)],
        };
        var projects = await Task.WhenAll(C.Projects.Keys.Order(StringComparer.Ordinal).Select(id => Project(id).Export()));
        return document with { Projects = [.. projects.OfType<ProjectEntry>()] };
    }

    /// <summary>What a structural command decided in its turn: its journal entry, and what it tells whom.</summary>
    private sealed record Decision(StructureEntry? Entry, IReadOnlyCollection<string> Lanes, Func<Outbox, Task> Tell, Refusal? Refusal = null)
    {
        public static Decision Refused(Refusal refusal) => new(null, [], _ => Task.CompletedTask, refusal);
    }

    /// <summary>
    /// Runs a structural command: <paramref name="decide"/> checks it against the catalog and applies it in
    /// this one turn (commands interleave, so nothing may come between the check and the change); its entry
    /// joins the journal's next write, and its calls go out, in each grain's lane, once the entry is stored.
    /// Answers when the grains that must hold the change have it.
    /// </summary>
    private async Task<Refusal?> Structural(Ripple ripple, Func<Decision> decide)
    {
        await _gate.EnterAsync();
        try
        {
            var decision = decide();
            if (decision.Refusal is { } refusal) return refusal;
            var stored = _writes.Append(decision.Entry!);
            var outbox = new Outbox(GrainFactory, ripple, "enterprise");
            await _lanes.Run(decision.Lanes, async () =>
            {
                await stored;
                await decision.Tell(outbox);
            });
            outbox.Flush();
            return null;
        }
        finally
        {
            _gate.Leave();
        }
    }

    /// <summary>The grain lane of the portfolio tree, which the alert log holds whole.</summary>
    private const string TreeLane = "portfolio-tree";

    private static string[] ProjectLanes(IEnumerable<string> projectIds) => [.. projectIds.Distinct().Select(p => $"project:{p}")];

    /// <summary>The cross links of each named project that exists, as the catalog holds them now.</summary>
    private Dictionary<string, CrossLink[]> LinksOf(IEnumerable<string> projectIds) =>
        projectIds.Distinct().Where(Catalog.HasProject).ToDictionary(p => p, p => Catalog.CrossLinksOf(p).ToArray(), StringComparer.Ordinal);

    /// <summary>Gives each project its cross links.</summary>
    private Task TellLinks(Outbox outbox, Dictionary<string, CrossLink[]> links) =>
        Fanout.RunAsync(links, l => Project(l.Key).SetCrossLinks(outbox.Awaited(), l.Value));

    private Dictionary<string, string?> PortfolioTree() => C.Portfolios.Values.ToDictionary(p => p.Id, p => p.ParentId);

    private Task TellPortfolioTree(Dictionary<string, string?> tree) =>
        GrainFactory.GetGrain<IAlertLogGrain>(IAlertLogGrain.Key).SetPortfolioTree(tree);

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
        _writes.LastSeq = state.State.JournalThrough;
        foreach (var entry in journal.State.Entries.Where(e => e.Seq > state.State.JournalThrough).OrderBy(e => e.Seq))
        {
            // Each entry was accepted against exactly this sequence of states, so it applies again.
            if (entry.ReplayOn(catalog) is { } refusal)
                throw new InvalidOperationException($"Structure journal entry {entry.Seq} ({entry.Action}) no longer applies: {refusal.Detail}");
            _writes.LastSeq = entry.Seq;
        }
        return catalog;
    }

    private IProjectGrain Project(string id) => GrainFactory.GetGrain<IProjectGrain>(id);
    private IResourceGrain Resource(string id) => GrainFactory.GetGrain<IResourceGrain>(id);
    private IPortfolioGrain Portfolio(string id) => GrainFactory.GetGrain<IPortfolioGrain>(id);
}
