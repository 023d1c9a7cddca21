using Pmo.Domain.Documents;
using static Pmo.Domain.Catalog.DocumentParsing;

namespace Pmo.Domain.Catalog;

/// <summary>
/// Validates and applies structural changes to the enterprise (CONTRACT.md "Import semantics" and
/// "Command details"). Every Try* method either returns a <see cref="Refusal"/> and changes nothing,
/// or applies the change and returns null.
/// </summary>
public sealed class EnterpriseCatalog
{
    private readonly CatalogState _state;
    private TaskGraph _graph = new();
    // The graph ValidateImport built for its plan is exactly the graph after applying it; adopting it
    // spares rebuilding every imported project, the largest cost of a large import. Valid only while
    // no graph-changing command ran in between, which the version tells.
    private (ImportPlan Plan, TaskGraph Graph, long Version)? _validated;
    private long _graphVersion;
    // Task ids per project as sets: HasTask is asked on every progress, slip and link command.
    private readonly Dictionary<string, HashSet<string>> _tasks = new(StringComparer.Ordinal);

    public EnterpriseCatalog(CatalogState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        // Stored state written by an older shape may lack collections; treat them as empty.
        _state.Calendar ??= CalendarSpec.Default;
        _state.Portfolios ??= new();
        _state.Resources ??= new();
        _state.Projects ??= new();
        _state.CrossLinks ??= new();

        foreach (var outline in _state.Projects.Values) IndexProject(outline);
        foreach (var link in _state.CrossLinks) _graph.AddEdge(link.From, link.To);
    }

    public CatalogState State => _state;

    /// <summary>Checks a whole document against itself and the stored state. Lists every problem
    /// (field paths as JSON paths: "projects[0].tasks[1].duration"); a cycle is reported in
    /// <see cref="Refusal.Cycle"/>, a portfolio ring in <see cref="Refusal.Path"/>.
    /// Returns the plan when the document is valid. Changes nothing.</summary>
    public ImportPlan? ValidateImport(PortfolioDocument document, out Refusal? refusal)
    {
        if (document is null)
        {
            refusal = new Refusal
            {
                Kind = RefusalKind.Invalid,
                Detail = "A portfolio document is required; nothing was imported.",
                Errors = new Dictionary<string, string[]> { ["document"] = ["is required"] },
            };
            return null;
        }
        _validated = null;
        var validator = new ImportValidator(_state, document);
        var plan = validator.Run(out refusal);
        if (plan is not null && validator.Graph is not null) _validated = (plan, validator.Graph, _graphVersion);
        return plan;
    }

    /// <summary>Applies a plan returned by <see cref="ValidateImport"/> on this same state.</summary>
    public void ApplyImport(ImportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var adopted = _validated is { } validated && ReferenceEquals(validated.Plan, plan) && validated.Version == _graphVersion
            ? validated.Graph
            : null;
        _validated = null;
        _graphVersion++;

        if (plan.Calendar is not null) _state.Calendar = plan.Calendar;
        if (plan.StatusDate is not null) _state.StatusDate = plan.StatusDate;
        foreach (var portfolio in plan.Portfolios) _state.Portfolios[portfolio.Id] = portfolio;
        foreach (var resource in plan.Resources) _state.Resources[resource.Id] = resource;

        // Projects before cross links: a new link may end on a task that this import creates.
        foreach (var project in plan.Projects)
        {
            var outline = new ProjectOutline
            {
                Id = project.Id,
                PortfolioId = project.PortfolioId,
                TaskIds = project.Tasks.Select(t => t.Id).ToList(),
                Links = project.Links.ToList(),
                ResourceIds = project.Tasks
                    .SelectMany(t => t.Assignments)
                    .Where(a => a.Units > 0)
                    .Select(a => a.ResourceId)
                    .Distinct(StringComparer.Ordinal)
                    .ToList(),
            };
            _state.Projects[project.Id] = outline;
            _tasks[outline.Id] = new HashSet<string>(outline.TaskIds, StringComparer.Ordinal);
            if (adopted is null) _graph.SetProject(outline.Id, outline.TaskIds, outline.Links.Select(l => (l.From, l.To)));
        }

        // One index for the whole plan: a linear search per link is quadratic on a large import.
        var positions = new Dictionary<(TaskKey, TaskKey), int>(_state.CrossLinks.Count);
        for (var i = 0; i < _state.CrossLinks.Count; i++) positions[_state.CrossLinks[i].Key] = i;
        foreach (var link in plan.CrossLinks)
        {
            if (positions.TryGetValue(link.Key, out var index))
            {
                _state.CrossLinks[index] = link;
                continue;
            }
            positions[link.Key] = _state.CrossLinks.Count;
            _state.CrossLinks.Add(link);
            if (adopted is null) _graph.AddEdge(link.From, link.To);
        }

        if (adopted is not null) _graph = adopted;
    }

    /// <summary>Validates a cross-link entry (400 naming fields for missing or unknown ids, bad type) and adds it,
    /// or replaces the type and lag of the existing one; 409 with the cycle when it would close one.</summary>
    public Refusal? TryAddCrossLink(CrossLinkEntry entry, out CrossLink? link)
    {
        link = null;
        var problems = new ProblemList();
        var parsed = ParseCrossLink(entry, problems);
        if (parsed is not { } ends) return Invalid(problems);
        var (from, to, type, lag) = ends;

        var index = FindCrossLink(from, to);
        if (index >= 0)
        {
            // Omitted fields keep their stored values, as for every other command.
            var replaced = _state.CrossLinks[index] with
            {
                Type = type ?? _state.CrossLinks[index].Type,
                Lag = lag ?? _state.CrossLinks[index].Lag,
            };
            _state.CrossLinks[index] = replaced;
            link = replaced;
            return null;
        }

        var cycle = _graph.CycleIfAdded(from, to);
        if (cycle is not null)
        {
            var keys = cycle.Select(Key).ToList();
            return new Refusal
            {
                Kind = RefusalKind.Conflict,
                Detail = $"The link {from} -> {to} would close a cycle: {Arrow(keys)}.",
                Cycle = keys,
            };
        }

        var added = new CrossLink { From = from, To = to, Type = type ?? LinkType.FS, Lag = lag ?? 0 };
        _state.CrossLinks.Add(added);
        _graph.AddEdge(from, to);
        _graphVersion++;
        link = added;
        return null;
    }

    /// <summary>400 for a malformed entry, 404 when no such link is stored.</summary>
    public Refusal? TryRemoveCrossLink(CrossLinkEntry entry, out CrossLink? removed)
    {
        removed = null;
        var problems = new ProblemList();
        var parsed = ParseCrossLink(entry, problems);
        if (parsed is not { } ends) return Invalid(problems);

        var index = FindCrossLink(ends.From, ends.To);
        if (index < 0) return NotFound($"No cross link {ends.From} -> {ends.To} is stored.");

        removed = _state.CrossLinks[index];
        _state.CrossLinks.RemoveAt(index);
        _graph.RemoveEdge(ends.From, ends.To);
        _graphVersion++;
        return null;
    }

    /// <summary>404 unknown project; 400 "portfolioId" missing or unknown. Returns the previous portfolio id.</summary>
    public Refusal? TryMoveProject(string projectId, string? portfolioId, out string? previousPortfolioId)
    {
        previousPortfolioId = null;
        if (!_state.Projects.TryGetValue(projectId, out var outline)) return NotFound($"Project '{projectId}' does not exist.");

        var problems = new ProblemList();
        var target = Id(portfolioId);
        if (target is null) problems.Add("portfolioId", "is required");
        else if (!_state.Portfolios.ContainsKey(target)) problems.Add("portfolioId", $"names no stored portfolio: '{target}'");
        if (problems.Any) return Invalid(problems);

        previousPortfolioId = outline.PortfolioId;
        _state.Projects[projectId] = outline with { PortfolioId = target! };
        return null;
    }

    /// <summary>Creates or changes a portfolio. Omitted values keep stored ones; <paramref name="parentIdGiven"/>
    /// with a null <paramref name="parentId"/> makes a root. 400 for a negative budget, an unknown parent or a
    /// missing name on creation; 409 with <see cref="Refusal.Path"/> when the parent would nest it inside itself.</summary>
    public Refusal? TryPutPortfolio(string id, string? name, bool parentIdGiven, string? parentId, decimal? budget, out PortfolioDefinition? before, out PortfolioDefinition? after)
    {
        before = null;
        after = null;
        var problems = new ProblemList();
        var key = Id(id);
        if (key is null)
        {
            problems.Add("id", "is required");
            return Invalid(problems);
        }

        _state.Portfolios.TryGetValue(key, out var existing);
        if (name is null)
        {
            if (existing is null) problems.Add("name", "is required to create a portfolio");
        }
        else if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("name", "must not be empty");
        }
        if (budget < 0) problems.Add("budget", "must be >= 0");

        // A blank parent is read as "no parent", the same as null, as in the document.
        var parent = parentIdGiven ? Id(parentId) : existing?.ParentId;
        if (parent is not null && parent != key && !_state.Portfolios.ContainsKey(parent))
            problems.Add("parentId", $"names no stored portfolio: '{parent}'");
        if (problems.Any) return Invalid(problems);

        if (parent is not null)
        {
            var parents = _state.Portfolios.ToDictionary(p => p.Key, p => p.Value.ParentId, StringComparer.Ordinal);
            parents[key] = parent;
            var ring = ImportValidator.RingThrough(key, parents);
            if (ring is not null)
            {
                return new Refusal
                {
                    Kind = RefusalKind.Conflict,
                    Detail = $"Portfolio '{parent}' as the parent of '{key}' would nest '{key}' inside itself: {Arrow(ring)}.",
                    Path = ring,
                };
            }
        }

        var updated = new PortfolioDefinition
        {
            Id = key,
            Name = name ?? existing!.Name,
            ParentId = parent,
            Budget = budget ?? existing?.Budget ?? 0,
        };
        _state.Portfolios[key] = updated;
        before = existing;
        after = updated;
        return null;
    }

    /// <summary>404 unknown; 409 while it holds projects or sub-portfolios.</summary>
    public Refusal? TryDeletePortfolio(string id)
    {
        if (!_state.Portfolios.ContainsKey(id)) return NotFound($"Portfolio '{id}' does not exist.");

        var projects = _state.Projects.Values.Count(p => p.PortfolioId == id);
        var children = _state.Portfolios.Values.Count(p => p.ParentId == id);
        if (projects > 0 || children > 0)
        {
            return new Refusal
            {
                Kind = RefusalKind.Conflict,
                Detail = $"Portfolio '{id}' still holds {Count(projects, "project")} and {Count(children, "sub-portfolio")}; move or remove them first.",
            };
        }

        _state.Portfolios.Remove(id);
        return null;
    }

    /// <summary>404 unknown. Removes the project and every cross link touching it (returned).</summary>
    public Refusal? TryDeleteProject(string id, out ProjectOutline? removed, out IReadOnlyList<CrossLink> removedLinks)
    {
        removed = null;
        removedLinks = [];
        if (!_state.Projects.TryGetValue(id, out var outline)) return NotFound($"Project '{id}' does not exist.");

        removedLinks = CrossLinksOf(id);
        _state.CrossLinks.RemoveAll(l => l.From.ProjectId == id || l.To.ProjectId == id);
        _state.Projects.Remove(id);
        _tasks.Remove(id);
        _graph.RemoveProject(id);
        _graphVersion++;
        removed = outline;
        return null;
    }

    /// <summary>404 unknown resource; 400 "pool" empty.</summary>
    public Refusal? TryMoveResource(string id, string? pool)
    {
        if (!_state.Resources.TryGetValue(id, out var resource)) return NotFound($"Resource '{id}' does not exist.");
        if (string.IsNullOrWhiteSpace(pool))
        {
            var problems = new ProblemList();
            problems.Add("pool", "must be a non-empty name");
            return Invalid(problems);
        }
        _state.Resources[id] = resource with { Pool = pool.Trim() };
        return null;
    }

    /// <summary>Checks an assignment command: 404 unknown project; 400 "taskId" unknown in the project,
    /// "resourceId" unknown, "units" missing or negative. Records which resources the project uses.</summary>
    public Refusal? TryRecordAssignment(string projectId, string? taskId, string? resourceId, decimal? units)
    {
        if (!_state.Projects.TryGetValue(projectId, out var outline)) return NotFound($"Project '{projectId}' does not exist.");

        var problems = new ProblemList();
        var task = Id(taskId);
        if (task is null) problems.Add("taskId", "is required");
        else if (!HasTask(projectId, task)) problems.Add("taskId", $"names no task of project '{projectId}': '{task}'");

        var resource = Id(resourceId);
        if (resource is null) problems.Add("resourceId", "is required");
        else if (!_state.Resources.ContainsKey(resource)) problems.Add("resourceId", $"names no stored resource: '{resource}'");

        if (units is null) problems.Add("units", "is required");
        else if (units < 0) problems.Add("units", "must be >= 0");
        if (problems.Any) return Invalid(problems);

        // On units 0 the resource may still serve other tasks, which only the project grain knows;
        // it reports the truth through SetProjectResources.
        if (units > 0 && !outline.ResourceIds.Contains(resource!, StringComparer.Ordinal))
            _state.Projects[projectId] = outline with { ResourceIds = [.. outline.ResourceIds, resource!] };
        return null;
    }

    /// <summary>After an assignment change, the project's distinct resource ids (kept for cost-rate changes).</summary>
    public void SetProjectResources(string projectId, IReadOnlyList<string> resourceIds)
    {
        ArgumentNullException.ThrowIfNull(resourceIds);
        // The project may have been cancelled while its grain was answering; nothing to record then.
        if (!_state.Projects.TryGetValue(projectId, out var outline)) return;
        _state.Projects[projectId] = outline with { ResourceIds = resourceIds.Distinct(StringComparer.Ordinal).ToList() };
    }

    public bool HasProject(string id) => id is not null && _state.Projects.ContainsKey(id);

    public bool HasTask(string projectId, string taskId) =>
        projectId is not null && taskId is not null && _tasks.TryGetValue(projectId, out var tasks) && tasks.Contains(taskId);

    /// <summary>Cross links whose from- or to-end is in the project.</summary>
    public IReadOnlyList<CrossLink> CrossLinksOf(string projectId) =>
        _state.CrossLinks.Where(l => l.From.ProjectId == projectId || l.To.ProjectId == projectId).ToList();

    /// <summary>The portfolio and every ancestor, nearest first.</summary>
    public IReadOnlyList<string> PortfolioPath(string portfolioId)
    {
        var path = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = portfolioId;
        // The seen set guards against a ring in state written before rings were refused.
        while (current is not null && seen.Add(current) && _state.Portfolios.TryGetValue(current, out var portfolio))
        {
            path.Add(current);
            current = portfolio.ParentId;
        }
        return path;
    }

    /// <summary>Projects whose assignments name the resource.</summary>
    public IReadOnlyList<string> ProjectsUsing(string resourceId) =>
        _state.Projects.Values
            .Where(p => p.ResourceIds.Contains(resourceId, StringComparer.Ordinal))
            .Select(p => p.Id)
            .ToList();

    private void IndexProject(ProjectOutline outline)
    {
        _tasks[outline.Id] = new HashSet<string>(outline.TaskIds, StringComparer.Ordinal);
        _graph.SetProject(outline.Id, outline.TaskIds, outline.Links.Select(l => (l.From, l.To)));
    }

    private int FindCrossLink(TaskKey from, TaskKey to) =>
        _state.CrossLinks.FindIndex(l => l.From == from && l.To == to);

    /// <summary>The ends of a cross-link entry, checked against stored projects; null with problems named otherwise.</summary>
    private (TaskKey From, TaskKey To, LinkType? Type, int? Lag)? ParseCrossLink(CrossLinkEntry? entry, ProblemList problems)
    {
        var from = StoredEnd(entry?.FromProject, entry?.FromTask, "fromProject", "fromTask", problems);
        var to = StoredEnd(entry?.ToProject, entry?.ToTask, "toProject", "toTask", problems);
        var fromProject = Id(entry?.FromProject);
        if (fromProject is not null && fromProject == Id(entry?.ToProject))
            problems.Add("toProject", "must differ from fromProject; a link inside one project belongs in its links");

        LinkType? type = null;
        if (entry?.Type is not null)
        {
            if (TryParseLinkType(entry.Type, out var parsed)) type = parsed;
            else problems.Add("type", LinkTypeMessage);
        }
        if (entry?.Lag is { } lag && (lag < -MaxDays || lag > MaxDays)) problems.Add("lag", LagMessage);

        if (problems.Any || from is null || to is null) return null;
        return (from.Value, to.Value, type, entry?.Lag);
    }

    private TaskKey? StoredEnd(string? projectText, string? taskText, string projectField, string taskField, ProblemList problems)
    {
        var projectId = Id(projectText);
        var taskId = Id(taskText);
        var projectKnown = false;
        if (projectId is null) problems.Add(projectField, "is required");
        else if (!_state.Projects.ContainsKey(projectId)) problems.Add(projectField, $"names no stored project: '{projectId}'");
        else projectKnown = true;

        if (taskId is null)
        {
            problems.Add(taskField, "is required");
            return null;
        }
        if (!projectKnown) return null;
        if (!HasTask(projectId!, taskId))
        {
            problems.Add(taskField, $"names no task of project '{projectId}': '{taskId}'");
            return null;
        }
        return new TaskKey(projectId!, taskId);
    }

    private static Refusal NotFound(string detail) => new() { Kind = RefusalKind.NotFound, Detail = detail };

    private static Refusal Invalid(ProblemList problems) =>
        problems.Invalid($"The request has {Problems(problems.Count)}; nothing was changed.");

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
