using Pmo.Domain.EarnedValue;
using Pmo.Domain.Resources;
using Pmo.Domain.Scheduling;

namespace Pmo.Load.Baseline;

/// <summary>
/// The incremental lower bound: what a single process that knows exactly what depends on what has
/// to recompute per change, with no messages, no persistence and no concurrency. A change
/// reschedules its project with the other projects' dates held fixed (as a project grain does), and
/// then only the projects a moved boundary date reaches, until nothing moves.
/// </summary>
internal sealed class IncrementalEngine
{
    private readonly EnterpriseState _state;
    private readonly Dictionary<TaskKey, TaskBaseline> _baselines;
    private readonly int _lastDone;
    private readonly Dictionary<TaskKey, TaskDates> _dates;
    private readonly Dictionary<string, decimal> _eac = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _portfolioEac;
    private readonly Dictionary<string, Dictionary<(string Project, string Task), LoadSegment>> _segments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _resourcesOf = new(StringComparer.Ordinal);
    private Dictionary<string, List<CrossNetworkLink>> _incoming = new(StringComparer.Ordinal);
    private Dictionary<string, List<CrossNetworkLink>> _outgoing = new(StringComparer.Ordinal);

    public IncrementalEngine(EnterpriseState state, Dictionary<TaskKey, TaskBaseline> baselines, int lastDone)
    {
        _state = state;
        _baselines = baselines;
        _lastDone = lastDone;
        _dates = new Dictionary<TaskKey, TaskDates>(CriticalPath.ScheduleAll(state.Networks(), state.CrossLinks));
        foreach (var project in state.Projects.Values)
        {
            _eac[project.Id] = BaselineRunner.ProjectTotals(state, project, baselines, lastDone).Eac;
            RefreshSegments(project, []);
        }
        _portfolioEac = BaselineRunner.RollUp(state, _eac);
        IndexLinks();
    }

    /// <summary>Applies one change; returns how many projects were rescheduled.</summary>
    public int Apply(IPmoCommand change)
    {
        ArgumentNullException.ThrowIfNull(change);
        switch (change)
        {
            case MoveProject move when _state.Projects.TryGetValue(move.ProjectId, out var project):
                var eac = _eac.GetValueOrDefault(project.Id);
                AddToLineage(project.PortfolioId, -eac);
                _state.Apply(change);
                AddToLineage(project.PortfolioId, eac);
                return 0;
            case CancelProject cancel when _state.Projects.TryGetValue(cancel.ProjectId, out var project):
                var neighbours = Neighbours(project.Id);
                AddToLineage(project.PortfolioId, -_eac.GetValueOrDefault(project.Id));
                _eac.Remove(project.Id);
                foreach (var task in project.Tasks) _dates.Remove(new TaskKey(project.Id, task.Id));
                var touched = new HashSet<string>(StringComparer.Ordinal);
                RemoveSegments(project.Id, touched);
                _state.Apply(change);
                IndexLinks();
                var count = Propagate(neighbours, touched);
                Recount(touched);
                return count;
            case PutPortfolio or DeletePortfolio or MoveResource:
                // No schedule or money moves.
                _state.Apply(change);
                return 0;
            default:
                _state.Apply(change);
                if (change is not IProjectCommand { ProjectId: var id } || !_state.Projects.ContainsKey(id)) return 0;
                var resources = new HashSet<string>(StringComparer.Ordinal);
                var rescheduled = Propagate([id], resources, refreshAll: id);
                Recount(resources);
                return rescheduled;
        }
    }

    public bool MatchesWholePortfolio()
    {
        var expected = CriticalPath.ScheduleAll(_state.Networks(), _state.CrossLinks);
        return expected.Count == _dates.Count && expected.All(kv => _dates.TryGetValue(kv.Key, out var d) && d == kv.Value);
    }

    private int Propagate(IEnumerable<string> start, HashSet<string> resources, string? refreshAll = null)
    {
        var queue = new Queue<string>(start);
        var queued = new HashSet<string>(queue, StringComparer.Ordinal);
        var guard = 100 * Math.Max(1, _state.Projects.Count);
        var rescheduled = 0;
        while (queue.Count > 0 && rescheduled < guard)
        {
            var id = queue.Dequeue();
            queued.Remove(id);
            if (!_state.Projects.TryGetValue(id, out var project)) continue;
            rescheduled++;
            var network = _state.Network(project);
            var predecessors = _incoming.GetValueOrDefault(id) ?? [];
            var successors = _outgoing.GetValueOrDefault(id) ?? [];
            var schedule = CriticalPath.ScheduleProject(network.StartDay, network.Tasks, network.Links,
                [.. predecessors.Where(l => _dates.ContainsKey(l.From)).Select(l => l.IntoSuccessor(_dates[l.From]))],
                [.. successors.Where(l => _dates.ContainsKey(l.To)).Select(l => l.OutOfPredecessor(_dates[l.To]))]);

            // Boundary dates as the neighbours last saw them, to tell whom the new ones reach.
            var before = new Dictionary<TaskKey, TaskDates>();
            foreach (var link in successors)
                if (_dates.TryGetValue(link.From, out var d)) before[link.From] = d;
            foreach (var link in predecessors)
                if (_dates.TryGetValue(link.To, out var d)) before[link.To] = d;

            var moved = false;
            foreach (var (taskId, dates) in schedule.Tasks)
            {
                var key = new TaskKey(id, taskId);
                if (_dates.TryGetValue(key, out var old) && old == dates) continue;
                _dates[key] = dates;
                moved = true;
            }
            foreach (var link in successors)
                if (Moved(before, link.From, early: true)) Enqueue(link.To.ProjectId);
            foreach (var link in predecessors)
                if (Moved(before, link.To, early: false)) Enqueue(link.From.ProjectId);

            if (moved || id == refreshAll)
            {
                var eac = BaselineRunner.ProjectTotals(_state, project, _baselines, _lastDone).Eac;
                AddToLineage(project.PortfolioId, eac - _eac.GetValueOrDefault(id));
                _eac[id] = eac;
                RefreshSegments(project, resources);
            }
        }
        return rescheduled;

        void Enqueue(string project)
        {
            if (queued.Add(project)) queue.Enqueue(project);
        }

        bool Moved(Dictionary<TaskKey, TaskDates> before, TaskKey task, bool early)
        {
            if (!_dates.TryGetValue(task, out var now)) return false;
            if (!before.TryGetValue(task, out var was)) return true;
            return early
                ? was.EarlyStart != now.EarlyStart || was.EarlyFinish != now.EarlyFinish
                : was.LateStart != now.LateStart || was.LateFinish != now.LateFinish;
        }
    }

    private void Recount(HashSet<string> resources)
    {
        foreach (var id in resources)
            if (_state.Resources.TryGetValue(id, out var resource))
                ResourceLoad.Overallocations(resource.Capacity, _segments.TryGetValue(id, out var s) ? s.Values : []);
    }

    private void RefreshSegments(ProjectState project, HashSet<string> touched)
    {
        RemoveSegments(project.Id, touched);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new Dictionary<string, List<LoadSegment>>(StringComparer.Ordinal);
        project.AddLoadSegments(taskId => _dates[new TaskKey(project.Id, taskId)], fresh);
        foreach (var (resource, list) in fresh)
        {
            if (!_segments.TryGetValue(resource, out var map)) _segments[resource] = map = [];
            foreach (var segment in list) map[(segment.ProjectId, segment.TaskId)] = segment;
            used.Add(resource);
            touched.Add(resource);
        }
        _resourcesOf[project.Id] = used;
    }

    private void RemoveSegments(string projectId, HashSet<string> touched)
    {
        if (!_resourcesOf.Remove(projectId, out var used)) return;
        foreach (var resource in used)
        {
            if (!_segments.TryGetValue(resource, out var map)) continue;
            foreach (var key in map.Keys.Where(k => k.Project == projectId).ToList()) map.Remove(key);
            touched.Add(resource);
        }
    }

    private void AddToLineage(string portfolioId, decimal amount)
    {
        foreach (var portfolio in _state.Lineage(portfolioId))
            _portfolioEac[portfolio] = _portfolioEac.GetValueOrDefault(portfolio) + amount;
    }

    private List<string> Neighbours(string projectId) =>
        [.. (_incoming.GetValueOrDefault(projectId) ?? []).Select(l => l.From.ProjectId)
            .Concat((_outgoing.GetValueOrDefault(projectId) ?? []).Select(l => l.To.ProjectId))
            .Where(p => p != projectId).Distinct(StringComparer.Ordinal)];

    private void IndexLinks()
    {
        _incoming = _state.CrossLinks.GroupBy(l => l.To.ProjectId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _outgoing = _state.CrossLinks.GroupBy(l => l.From.ProjectId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }
}
