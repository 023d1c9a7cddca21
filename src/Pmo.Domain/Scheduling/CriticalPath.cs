namespace Pmo.Domain.Scheduling;

/// <summary>
/// The critical path method exactly as CONTRACT.md "Scheduling rules" states it.
/// </summary>
/// <remarks>
/// Both entry points turn their input into a <see cref="PrecedenceNetwork"/> (tasks as indices,
/// links as flat arrays) so the passes themselves touch no dictionary and allocate nothing:
/// the live grains call <see cref="ScheduleProject"/> on every change and the batch
/// reconciliation runs <see cref="ScheduleAll"/> over the whole enterprise.
/// A link or boundary entry naming a task that is not there is ignored rather than thrown on:
/// references are validated at import, and a grain holding a momentarily stale cross link must
/// still be able to schedule.
/// </remarks>
public static class CriticalPath
{
    /// <summary>
    /// Schedules one project with the dates of other projects' linked tasks held fixed.
    /// Forward pass: ES &gt;= startDay and every predecessor rule (FS/SS/FF/SF with lag), earliest ES.
    /// Backward pass: LF &lt;= the project's FinishDay (largest EF) and every successor rule,
    /// including <paramref name="toOtherProjects"/>. Iterating this per project to a fixed point
    /// gives the same dates as <see cref="ScheduleAll"/>.
    /// Precondition: the network is acyclic (validation refuses cycles before this is called).
    /// </summary>
    public static ProjectSchedule ScheduleProject(
        int startDay,
        IReadOnlyList<NetworkTask> tasks,
        IReadOnlyList<NetworkLink> links,
        IReadOnlyList<BoundaryPredecessor> fromOtherProjects,
        IReadOnlyList<BoundarySuccessor> toOtherProjects)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(fromOtherProjects);
        ArgumentNullException.ThrowIfNull(toOtherProjects);

        var n = tasks.Count;
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var network = new PrecedenceNetwork(n, links.Count);
        for (var i = 0; i < n; i++)
        {
            var task = tasks[i];
            if (!index.TryAdd(task.Id, i))
                throw new ArgumentException($"Task '{task.Id}' appears twice.", nameof(tasks));
            network.SetDuration(i, task.Duration, task.Id);
        }
        for (var l = 0; l < links.Count; l++)
        {
            var link = links[l];
            if (index.TryGetValue(link.From, out var from) && index.TryGetValue(link.To, out var to))
                network.AddLink(from, to, link.Type, link.Lag);
        }
        network.Seal(i => tasks[i].Id);

        var earlyStart = network.EarlyStart;
        Array.Fill(earlyStart, startDay);
        for (var b = 0; b < fromOtherProjects.Count; b++)
        {
            var boundary = fromOtherProjects[b];
            if (index.TryGetValue(boundary.ToTask, out var task))
                network.RaiseEarlyStart(task, boundary.Type, boundary.Lag, boundary.PredecessorEarlyStart, boundary.PredecessorEarlyFinish);
        }
        network.ForwardPass();

        var finish = startDay;
        for (var i = 0; i < n; i++) finish = Math.Max(finish, earlyStart[i] + network.Duration[i]);

        Array.Fill(network.LateFinish, finish);
        for (var b = 0; b < toOtherProjects.Count; b++)
        {
            var boundary = toOtherProjects[b];
            if (index.TryGetValue(boundary.FromTask, out var task))
                network.LowerLateFinish(task, boundary.Type, boundary.Lag, boundary.SuccessorLateStart, boundary.SuccessorLateFinish);
        }
        network.BackwardPass();

        var dates = new Dictionary<string, TaskDates>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++) dates[tasks[i].Id] = network.DatesOf(i);
        return new ProjectSchedule { Tasks = dates, FinishDay = finish };
    }

    /// <summary>
    /// Schedules every project at once over all links (the batch recompute, and the reference
    /// the live grains are reconciled against). Each task's LF is bound by its own project's finish.
    /// </summary>
    public static IReadOnlyDictionary<TaskKey, TaskDates> ScheduleAll(
        IReadOnlyList<ProjectNetwork> projects,
        IReadOnlyList<CrossNetworkLink> crossLinks)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(crossLinks);

        var projectIndex = new Dictionary<string, int>(projects.Count, StringComparer.Ordinal);
        var offsets = new int[projects.Count + 1];
        var linkCount = crossLinks.Count;
        for (var p = 0; p < projects.Count; p++)
        {
            var project = projects[p];
            if (!projectIndex.TryAdd(project.ProjectId, p))
                throw new ArgumentException($"Project '{project.ProjectId}' appears twice.", nameof(projects));
            offsets[p + 1] = offsets[p] + project.Tasks.Count;
            linkCount += project.Links.Count;
        }

        var n = offsets[projects.Count];
        var keys = new TaskKey[n];
        var projectOf = new int[n];
        var network = new PrecedenceNetwork(n, linkCount);
        var localIndex = new Dictionary<string, int>[projects.Count];
        for (var p = 0; p < projects.Count; p++)
        {
            var project = projects[p];
            var tasks = project.Tasks;
            var local = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
            localIndex[p] = local;
            for (var t = 0; t < tasks.Count; t++)
            {
                var i = offsets[p] + t;
                if (!local.TryAdd(tasks[t].Id, i))
                    throw new ArgumentException($"Task '{project.ProjectId}/{tasks[t].Id}' appears twice.", nameof(projects));
                keys[i] = new TaskKey(project.ProjectId, tasks[t].Id);
                projectOf[i] = p;
                network.SetDuration(i, tasks[t].Duration, tasks[t].Id);
            }
            var links = project.Links;
            for (var l = 0; l < links.Count; l++)
            {
                var link = links[l];
                if (local.TryGetValue(link.From, out var from) && local.TryGetValue(link.To, out var to))
                    network.AddLink(from, to, link.Type, link.Lag);
            }
        }
        for (var c = 0; c < crossLinks.Count; c++)
        {
            var link = crossLinks[c];
            if (TryFind(link.From, out var from) && TryFind(link.To, out var to))
                network.AddLink(from, to, link.Type, link.Lag);
        }
        network.Seal(i => keys[i].ToString());

        var earlyStart = network.EarlyStart;
        for (var i = 0; i < n; i++) earlyStart[i] = projects[projectOf[i]].StartDay;
        network.ForwardPass();

        var finish = new int[projects.Count];
        for (var p = 0; p < projects.Count; p++) finish[p] = projects[p].StartDay;
        for (var i = 0; i < n; i++)
            finish[projectOf[i]] = Math.Max(finish[projectOf[i]], earlyStart[i] + network.Duration[i]);

        var lateFinish = network.LateFinish;
        for (var i = 0; i < n; i++) lateFinish[i] = finish[projectOf[i]];
        network.BackwardPass();

        var result = new Dictionary<TaskKey, TaskDates>(n);
        for (var i = 0; i < n; i++) result[keys[i]] = network.DatesOf(i);
        return result;

        bool TryFind(TaskKey key, out int task)
        {
            task = -1;
            return projectIndex.TryGetValue(key.ProjectId, out var p) && localIndex[p].TryGetValue(key.TaskId, out task);
        }
    }
}
