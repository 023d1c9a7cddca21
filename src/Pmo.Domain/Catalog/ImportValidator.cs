using Pmo.Domain.Documents;
using static Pmo.Domain.Catalog.DocumentParsing;

namespace Pmo.Domain.Catalog;

/// <summary>
/// One pass over a portfolio document against the stored catalog. Collects every problem rather than
/// stopping at the first, so a tool can fix a document in one round trip; builds the plan from the
/// same pass. Reads the stored state and never writes it.
/// </summary>
internal sealed class ImportValidator
{
    /// <summary>Enough to show a pattern without flooding the reply when a document is badly tangled.</summary>
    private const int MaxCyclesReported = 10;

    private readonly CatalogState _state;
    private readonly PortfolioDocument _document;
    private readonly ProblemList _problems = new();

    // Index of the first entry with each id; a later entry with the same id is a duplicate, and
    // references resolve against the first so that one duplicate does not cascade into more errors.
    private Dictionary<string, int> _portfolioIndex = new(StringComparer.Ordinal);
    private Dictionary<string, int> _resourceIndex = new(StringComparer.Ordinal);
    private Dictionary<string, int> _projectIndex = new(StringComparer.Ordinal);

    // Task ids and intra-project edges of each document project as it will be after the import.
    private readonly Dictionary<string, HashSet<string>> _documentTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string From, string To)>> _documentEdges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _storedTasks = new(StringComparer.Ordinal);

    private readonly Dictionary<(TaskKey From, TaskKey To), int> _crossLinkIndex = new();
    private ILookup<string, CrossLink>? _storedLinksByProject;

    private readonly List<PortfolioDefinition> _portfolios = [];
    private readonly List<ResourceDefinition> _resources = [];
    private readonly List<ProjectDefinition> _projects = [];
    private readonly List<CrossLink> _crossLinks = [];

    private CalendarSpec? _calendar;
    private WorkCalendar? _horizonCalendar;

    // Built once per import: the calendar the document's projects will be scheduled on.
    // A document calendar that is itself invalid (no working days) is reported on its own; the
    // horizon check then falls back to the stored calendar.
    private WorkCalendar HorizonCalendar => _horizonCalendar ??=
        _calendar is { WorkingDays.Count: > 0 } ? new WorkCalendar(_calendar) : new WorkCalendar(_state.Calendar);
    private DateOnly? _statusDate;
    private IReadOnlyList<string>? _ring;
    private IReadOnlyList<string>? _cycle;
    private TaskGraph? _graph;

    /// <summary>The enterprise graph as it will be once the plan is applied (null until validated or when refused).</summary>
    public TaskGraph? Graph { get; private set; }

    public ImportValidator(CatalogState state, PortfolioDocument document)
    {
        _state = state;
        _document = document;
    }

    public ImportPlan? Run(out Refusal? refusal)
    {
        ValidateCalendar();
        ValidateStatusDate();

        // Ids first: entries may name entities that appear later in the document.
        _portfolioIndex = IndexIds(_document.Portfolios, e => e.Id, "portfolios");
        _resourceIndex = IndexIds(_document.Resources, e => e.Id, "resources");
        _projectIndex = IndexIds(_document.Projects, e => e.Id, "projects");

        ValidatePortfolios();
        ValidatePortfolioRings();
        ValidateResources();
        ValidateProjects();
        ValidateCrossLinks();
        ValidateCycles();

        if (_problems.Any)
        {
            refusal = new Refusal
            {
                Kind = RefusalKind.Invalid,
                Detail = $"The document has {Problems(_problems.Count)}; nothing was imported.",
                Errors = _problems.ToErrors(),
                Cycle = _cycle,
                Path = _ring,
            };
            return null;
        }

        refusal = null;
        Graph = _graph;
        return new ImportPlan
        {
            Calendar = _calendar,
            StatusDate = _statusDate,
            Portfolios = _portfolios,
            Resources = _resources,
            Projects = _projects,
            CrossLinks = _crossLinks,
        };
    }

    private void ValidateCalendar()
    {
        var calendar = _document.Calendar;
        if (calendar is null) return;

        // A calendar that only lists holidays keeps the default working week.
        var days = new List<DayOfWeek>();
        if (calendar.WorkingDays is null)
        {
            days.AddRange(CalendarSpec.Default.WorkingDays);
        }
        else
        {
            if (calendar.WorkingDays.Count == 0)
                _problems.Add("calendar.workingDays", "must list at least one working day");
            for (var i = 0; i < calendar.WorkingDays.Count; i++)
            {
                var text = calendar.WorkingDays[i];
                if (!TryParseDay(text, out var day))
                    _problems.Add($"calendar.workingDays[{i}]", "must be a day of the week: Mon, Tue, Wed, Thu, Fri, Sat or Sun");
                else if (days.Contains(day))
                    _problems.Add($"calendar.workingDays[{i}]", $"lists {day} twice");
                else
                    days.Add(day);
            }
        }

        var holidays = new SortedSet<DateOnly>();
        var holidayTexts = calendar.Holidays ?? [];
        for (var i = 0; i < holidayTexts.Count; i++)
        {
            if (TryParseDate(holidayTexts[i], out var date)) holidays.Add(date);
            else _problems.Add($"calendar.holidays[{i}]", DateMessage);
        }

        _calendar = new CalendarSpec { WorkingDays = days, Holidays = holidays.ToList() };
    }

    private void ValidateStatusDate()
    {
        if (_document.StatusDate is null) return;
        if (TryParseDate(_document.StatusDate, out var date)) _statusDate = date;
        else _problems.Add("statusDate", DateMessage);
    }

    private Dictionary<string, int> IndexIds<T>(List<T>? entries, Func<T, string?> idOf, string path) where T : class
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (entries is null) return index;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry is null)
            {
                _problems.Add($"{path}[{i}]", "must be an object");
                continue;
            }
            var id = Id(idOf(entry));
            if (id is null)
                _problems.Add($"{path}[{i}].id", "is required");
            else if (index.TryGetValue(id, out var first))
                _problems.Add($"{path}[{i}].id", $"duplicate id '{id}' (first at {path}[{first}])");
            else
                index.Add(id, i);
        }
        return index;
    }

    private static string NameOr(string? name, string? id) => string.IsNullOrWhiteSpace(name) ? id ?? "" : name;

    private static bool IsFirst(Dictionary<string, int> index, string? id, int i) =>
        id is not null && index.TryGetValue(id, out var first) && first == i;

    private bool PortfolioKnown(string id) => _portfolioIndex.ContainsKey(id) || _state.Portfolios.ContainsKey(id);
    private bool ResourceKnown(string id) => _resourceIndex.ContainsKey(id) || _state.Resources.ContainsKey(id);
    private bool ProjectKnown(string id) => _projectIndex.ContainsKey(id) || _state.Projects.ContainsKey(id);

    /// <summary>The project's task ids as they will be after the import, or null for an unknown project.</summary>
    private HashSet<string>? TasksAfterImport(string projectId)
    {
        if (_documentTasks.TryGetValue(projectId, out var tasks)) return tasks;
        if (_storedTasks.TryGetValue(projectId, out tasks)) return tasks;
        if (!_state.Projects.TryGetValue(projectId, out var outline)) return null;
        tasks = new HashSet<string>(outline.TaskIds, StringComparer.Ordinal);
        _storedTasks.Add(projectId, tasks);
        return tasks;
    }

    // Paths are joined only on failure: a large document has millions of fields that pass.
    private void CheckNonNegative(decimal? value, string path, string field)
    {
        if (value < 0) _problems.Add($"{path}.{field}", "must be >= 0");
    }

    private void CheckLag(int? lag, string path)
    {
        if (lag is { } value && (value < -MaxDays || value > MaxDays)) _problems.Add($"{path}.lag", LagMessage);
    }

    /// <summary>
    /// Calls <paramref name="validate"/> with each entry of a list, its index and its path. A null entry is
    /// reported as not an object, unless <see cref="IndexIds"/> already reported it (<paramref name="indexed"/>).
    /// </summary>
    private void Each<T>(List<T>? entries, string listPath, Action<T, int, string> validate, bool indexed = false) where T : class
    {
        if (entries is null) return;
        for (var i = 0; i < entries.Count; i++)
        {
            var path = $"{listPath}[{i}]";
            if (entries[i] is { } entry) validate(entry, i, path);
            else if (!indexed) _problems.Add(path, "must be an object");
        }
    }

    /// <summary>A link's type and lag, shared by a project's links and cross links; false when the type is unknown.</summary>
    private bool CheckTypeAndLag(string? typeText, int? lag, string path, out LinkType type)
    {
        var known = TryParseLinkType(typeText, out type);
        if (!known) _problems.Add($"{path}.type", LinkTypeMessage);
        CheckLag(lag, path);
        return known;
    }

    private void ValidatePortfolios() => Each(_document.Portfolios, "portfolios", indexed: true, validate: (entry, i, path) =>
        {
            var id = Id(entry.Id);
            CheckNonNegative(entry.Budget, path, "budget");

            // A blank parent is read as "no parent", the same as null.
            var parentId = Id(entry.ParentId);
            if (parentId is not null && parentId != id && !PortfolioKnown(parentId))
                _problems.Add($"{path}.parentId", $"names no portfolio in the document or stored: '{parentId}'");

            if (IsFirst(_portfolioIndex, id, i))
            {
                _portfolios.Add(new PortfolioDefinition
                {
                    Id = id!,
                    Name = NameOr(entry.Name, id),
                    ParentId = parentId,
                    Budget = entry.Budget ?? 0,
                });
            }
        });

    private void ValidatePortfolioRings()
    {
        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (id, portfolio) in _state.Portfolios) parents[id] = portfolio.ParentId;
        foreach (var portfolio in _portfolios) parents[portfolio.Id] = portfolio.ParentId;

        foreach (var portfolio in _portfolios)
        {
            var ring = RingThrough(portfolio.Id, parents);
            if (ring is null) continue;
            _ring ??= ring;
            _problems.Add($"portfolios[{_portfolioIndex[portfolio.Id]}].parentId",
                $"nests portfolio '{portfolio.Id}' inside itself: {Arrow(ring)}");
        }
    }

    /// <summary>The ring of parents leading from <paramref name="start"/> back to it, start repeated last.</summary>
    internal static List<string>? RingThrough(string start, IReadOnlyDictionary<string, string?> parents)
    {
        var ring = new List<string> { start };
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var current = start;
        while (parents.TryGetValue(current, out var parent) && parent is not null)
        {
            ring.Add(parent);
            if (parent == start) return ring;
            // A ring further up that does not pass through start is reported from its own members.
            if (!seen.Add(parent)) return null;
            current = parent;
        }
        return null;
    }

    private void ValidateResources() => Each(_document.Resources, "resources", indexed: true, validate: (entry, i, path) =>
        {
            var id = Id(entry.Id);
            CheckNonNegative(entry.Capacity, path, "capacity");
            CheckNonNegative(entry.CostRate, path, "costRate");
            if (entry.Pool is not null && string.IsNullOrWhiteSpace(entry.Pool))
                _problems.Add($"{path}.pool", "must be a non-empty name when given");

            if (IsFirst(_resourceIndex, id, i))
            {
                _resources.Add(new ResourceDefinition
                {
                    Id = id!,
                    Name = NameOr(entry.Name, id),
                    Capacity = entry.Capacity ?? 1m,
                    CostRate = entry.CostRate ?? 0m,
                    Pool = entry.Pool?.Trim() ?? "Unassigned",
                });
            }
        });

    private void ValidateProjects() => Each(_document.Projects, "projects", indexed: true, validate: (entry, i, path) =>
        {
            var id = Id(entry.Id);
            var first = IsFirst(_projectIndex, id, i);

            var portfolioId = Id(entry.PortfolioId);
            if (portfolioId is null)
                _problems.Add($"{path}.portfolioId", "is required");
            else if (!PortfolioKnown(portfolioId))
                _problems.Add($"{path}.portfolioId", $"names no portfolio in the document or stored: '{portfolioId}'");

            var start = default(DateOnly);
            if (entry.Start is null) _problems.Add($"{path}.start", "is required");
            else if (!TryParseDate(entry.Start, out start)) _problems.Add($"{path}.start", DateMessage);
            else if (start < ScheduleHorizon.Earliest || start > ScheduleHorizon.LatestStart)
                _problems.Add($"{path}.start", $"must be between {ScheduleHorizon.Earliest:yyyy-MM-dd} and {ScheduleHorizon.LatestStart:yyyy-MM-dd}");

            CheckNonNegative(entry.Budget, path, "budget");

            var taskIndex = IndexIds(entry.Tasks, t => t.Id, $"{path}.tasks");
            var tasks = ValidateTasks(entry.Tasks ?? [], taskIndex, path);
            var (links, edges) = ValidateLinks(entry.Links ?? [], taskIndex, path);

            if (!first) return;
            if (start != default && ScheduleHorizon.Exceeded(HorizonCalendar, start, tasks, links) is { } end)
                _problems.Add($"{path}.tasks", $"the project's own schedule would run to {end:yyyy-MM-dd}, past {ScheduleHorizon.Latest:yyyy-MM-dd}");
            var taskIds = new HashSet<string>(taskIndex.Keys, StringComparer.Ordinal);
            _documentTasks[id!] = taskIds;
            _documentEdges[id!] = edges;
            CheckDroppedTasks(id!, taskIds, path);

            _projects.Add(new ProjectDefinition
            {
                Id = id!,
                Name = NameOr(entry.Name, id),
                PortfolioId = portfolioId ?? "",
                Priority = entry.Priority ?? 0,
                Start = start,
                Budget = entry.Budget ?? 0,
                Tasks = tasks,
                Links = links,
            });
        });

    private List<TaskDefinition> ValidateTasks(List<TaskEntry> entries, Dictionary<string, int> taskIndex, string projectPath)
    {
        var tasks = new List<TaskDefinition>();
        Each(entries, $"{projectPath}.tasks", indexed: true, validate: (entry, j, path) =>
        {
            var id = Id(entry.Id);

            if (entry.Duration is not { } duration)
                _problems.Add($"{path}.duration", "is required");
            else if (duration < 0)
                _problems.Add($"{path}.duration", "must be >= 0");
            else if (duration > MaxDays)
                _problems.Add($"{path}.duration", $"must be at most {MaxDays} working days");

            CheckNonNegative(entry.FixedCost, path, "fixedCost");
            if (entry.PercentComplete is < 0 or > 100)
                _problems.Add($"{path}.percentComplete", "must be between 0 and 100");
            CheckNonNegative(entry.ActualCost, path, "actualCost");

            DateOnly? deadline = null;
            if (entry.Deadline is not null)
            {
                if (TryParseDate(entry.Deadline, out var date)) deadline = date;
                else _problems.Add($"{path}.deadline", DateMessage);
            }

            var assignments = ValidateAssignments(entry.Assignments ?? [], path);

            if (IsFirst(taskIndex, id, j))
            {
                tasks.Add(new TaskDefinition
                {
                    Id = id!,
                    Name = NameOr(entry.Name, id),
                    Duration = entry.Duration ?? 0,
                    FixedCost = entry.FixedCost ?? 0,
                    Assignments = assignments,
                    PercentComplete = entry.PercentComplete ?? 0,
                    ActualCost = entry.ActualCost ?? 0,
                    Deadline = deadline,
                });
            }
        });
        return tasks;
    }

    private List<Assignment> ValidateAssignments(List<AssignmentEntry> entries, string taskPath)
    {
        var assignments = new List<Assignment>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        Each(entries, $"{taskPath}.assignments", (entry, k, path) =>
        {
            var resourceId = Id(entry.ResourceId);
            if (resourceId is null)
                _problems.Add($"{path}.resourceId", "is required");
            else if (!ResourceKnown(resourceId))
                _problems.Add($"{path}.resourceId", $"names no resource in the document or stored: '{resourceId}'");
            else if (seen.TryGetValue(resourceId, out var earlier))
                // The assignment command addresses an assignment by (task, resource), so two would be ambiguous.
                _problems.Add($"{path}.resourceId", $"assigns '{resourceId}' to this task again (see assignments[{earlier}])");
            else
                seen.Add(resourceId, k);

            if (entry.Units is null) _problems.Add($"{path}.units", "is required");
            else CheckNonNegative(entry.Units, path, "units");

            // Zero units is the contract's way of saying "no assignment".
            if (resourceId is not null && entry.Units > 0)
                assignments.Add(new Assignment { ResourceId = resourceId, Units = entry.Units.Value });
        });
        return assignments;
    }

    private (List<NetworkLink> Links, List<(string From, string To)> Edges) ValidateLinks(
        List<LinkEntry> entries, Dictionary<string, int> taskIndex, string projectPath)
    {
        var links = new List<NetworkLink>();
        var edges = new List<(string From, string To)>();
        var seen = new Dictionary<(string, string), int>();
        Each(entries, $"{projectPath}.links", (entry, k, path) =>
        {
            var from = LinkEnd(entry.From, taskIndex, path, "from");
            var to = LinkEnd(entry.To, taskIndex, path, "to");
            var valid = from is not null && to is not null;
            if (valid && from == to)
            {
                _problems.Add($"{path}.to", $"links task '{from}' to itself");
                valid = false;
            }
            if (!CheckTypeAndLag(entry.Type, entry.Lag, path, out var type) || !valid) return;
            if (seen.TryGetValue((from!, to!), out var earlier))
            {
                _problems.Add(path, $"repeats the link {from} -> {to} (see links[{earlier}])");
                return;
            }
            seen.Add((from!, to!), k);
            links.Add(new NetworkLink { From = from!, To = to!, Type = type, Lag = entry.Lag ?? 0 });
            edges.Add((from!, to!));
        });
        return (links, edges);
    }

    private string? LinkEnd(string? text, Dictionary<string, int> taskIndex, string path, string field)
    {
        var id = Id(text);
        if (id is null)
        {
            _problems.Add($"{path}.{field}", "is required");
            return null;
        }
        if (!taskIndex.ContainsKey(id))
        {
            _problems.Add($"{path}.{field}", $"names no task of this project: '{id}'");
            return null;
        }
        return id;
    }

    /// <summary>A project is replaced whole, so a stored cross link must not lose its end.</summary>
    private void CheckDroppedTasks(string projectId, HashSet<string> newTasks, string projectPath)
    {
        if (!_state.Projects.ContainsKey(projectId)) return;
        // Indexed once per document: a large re-import would otherwise scan every link per project.
        _storedLinksByProject ??= _state.CrossLinks
            .SelectMany(l => new[] { (Project: l.From.ProjectId, Link: l), (Project: l.To.ProjectId, Link: l) })
            .ToLookup(x => x.Project, x => x.Link, StringComparer.Ordinal);
        foreach (var link in _storedLinksByProject[projectId])
        {
            foreach (var end in (TaskKey[])[link.From, link.To])
            {
                if (end.ProjectId == projectId && !newTasks.Contains(end.TaskId))
                    _problems.Add($"{projectPath}.tasks",
                        $"task {end.TaskId} is still named by cross link {link.From} -> {link.To}; remove the link first");
            }
        }
    }

    private void ValidateCrossLinks() => Each(_document.CrossLinks, "crossLinks", (entry, j, path) =>
        {
            var from = CrossLinkEnd(entry.FromProject, entry.FromTask, path, "fromProject", "fromTask");
            var to = CrossLinkEnd(entry.ToProject, entry.ToTask, path, "toProject", "toTask");
            var valid = from is not null && to is not null;
            var fromProject = Id(entry.FromProject);
            if (fromProject is not null && fromProject == Id(entry.ToProject))
            {
                _problems.Add($"{path}.toProject", "must differ from fromProject; a link inside one project belongs in its links");
                valid = false;
            }
            if (!CheckTypeAndLag(entry.Type, entry.Lag, path, out var type) || !valid) return;
            var key = (from!.Value, to!.Value);
            if (_crossLinkIndex.TryGetValue(key, out var earlier))
            {
                _problems.Add(path, $"repeats the cross link {from} -> {to} (see crossLinks[{earlier}])");
                return;
            }
            _crossLinkIndex.Add(key, j);
            _crossLinks.Add(new CrossLink { From = from.Value, To = to.Value, Type = type, Lag = entry.Lag ?? 0 });
        });

    private TaskKey? CrossLinkEnd(string? projectText, string? taskText, string path, string projectField, string taskField)
    {
        var projectId = Id(projectText);
        var taskId = Id(taskText);
        if (projectId is null)
        {
            _problems.Add($"{path}.{projectField}", "is required");
        }
        else if (!ProjectKnown(projectId))
        {
            _problems.Add($"{path}.{projectField}", $"names no project in the document or stored: '{projectId}'");
            projectId = null;
        }

        if (taskId is null)
        {
            _problems.Add($"{path}.{taskField}", "is required");
            return null;
        }
        if (projectId is null) return null;
        if (TasksAfterImport(projectId)?.Contains(taskId) != true)
        {
            _problems.Add($"{path}.{taskField}", $"names no task of project '{projectId}': '{taskId}'");
            return null;
        }
        return new TaskKey(projectId, taskId);
    }

    /// <summary>
    /// Builds the enterprise graph as it would be after the import in a fresh <see cref="TaskGraph"/>,
    /// so the live one is untouched whatever the outcome. Only the parts that passed validation go in.
    /// </summary>
    private void ValidateCycles()
    {
        var graph = _graph = new TaskGraph();
        foreach (var (id, outline) in _state.Projects)
        {
            if (!_documentTasks.ContainsKey(id))
                graph.SetProject(id, outline.TaskIds, outline.Links.Select(l => (l.From, l.To)));
        }
        foreach (var (id, tasks) in _documentTasks)
            graph.SetProject(id, tasks, _documentEdges[id]);

        var crossEdges = new HashSet<(TaskKey, TaskKey)>();
        foreach (var link in _state.CrossLinks)
        {
            // A stored link whose end the document drops is already reported; it cannot stay.
            if (TaskSurvives(link.From) && TaskSurvives(link.To) && crossEdges.Add(link.Key))
                graph.AddEdge(link.From, link.To);
        }
        foreach (var link in _crossLinks)
        {
            if (crossEdges.Add(link.Key)) graph.AddEdge(link.From, link.To);
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < MaxCyclesReported; round++)
        {
            var cycle = graph.FindCycle();
            if (cycle is null || cycle.Count < 2) break;
            var keys = cycle.Select(Key).ToList();
            var text = Arrow(keys);
            // The same cycle again means the edge could not be taken out; stop rather than repeat it.
            if (!reported.Add(text)) break;
            _cycle ??= keys;
            _problems.Add(CycleField(cycle), $"cycle: {text}");

            // Breaking the cycle lets the next round find another one that is really in the document.
            graph.RemoveEdge(cycle[^2], cycle[^1]);
        }
    }

    private bool TaskSurvives(TaskKey task) => TasksAfterImport(task.ProjectId)?.Contains(task.TaskId) == true;

    private string CycleField(IReadOnlyList<TaskKey> cycle)
    {
        if (cycle.All(k => k.ProjectId == cycle[0].ProjectId))
            return _projectIndex.TryGetValue(cycle[0].ProjectId, out var only) ? $"projects[{only}].links" : "crossLinks";

        for (var i = 0; i + 1 < cycle.Count; i++)
        {
            if (_crossLinkIndex.ContainsKey((cycle[i], cycle[i + 1]))) return "crossLinks";
        }
        // Only stored cross links on the ring: the document's intra-project links closed it.
        for (var i = 0; i + 1 < cycle.Count; i++)
        {
            if (cycle[i].ProjectId == cycle[i + 1].ProjectId && _projectIndex.TryGetValue(cycle[i].ProjectId, out var index))
                return $"projects[{index}].links";
        }
        return "crossLinks";
    }
}
