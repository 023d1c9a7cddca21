using Pmo.Contracts;
using System.Globalization;
using Pmo.Domain.Calendar;
using Pmo.Domain.Projects;
using Pmo.Domain.Resources;
using Pmo.Domain.Scheduling;

namespace Pmo.Load.Reconciliation;

/// <summary>
/// Checks what the service reports against the contract, independently of the grains: the
/// schedule is recomputed from the exported document with one whole-enterprise critical path
/// (<see cref="CriticalPath.ScheduleAll"/>), over-allocation is recounted from the reported dates,
/// roll-ups are re-summed, and every open alert is checked to still hold (and every holding
/// condition to have its alert). Pure: the snapshot is all it reads.
/// </summary>
public static class Reconciler
{
    /// <summary>Money is reported rounded to cents; a roll-up may differ by that much per project.</summary>
    private const decimal CentPerProject = 0.01m;

    public static ReconciliationResult Check(ServiceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var problems = new List<string>();
        var total = 0;
        var checkedCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Problem(string text)
        {
            total++;
            if (problems.Count < ReconciliationResult.MaxProblems) problems.Add(text);
        }
        void Count(string what, int n = 1) => checkedCounts[what] = checkedCounts.GetValueOrDefault(what) + n;

        EnterpriseState state;
        try
        {
            state = EnterpriseState.From(snapshot.Export);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NullReferenceException)
        {
            Problem($"export: the document cannot be read: {e.Message}");
            return Result(problems, total, checkedCounts);
        }
        var calendar = state.Calendar;
        var statusDate = state.StatusDate ?? snapshot.FallbackStatusDate ?? DateOnly.FromDateTime(DateTime.UtcNow);

        var views = snapshot.Projects;
        foreach (var id in state.Projects.Keys.Where(id => !views.ContainsKey(id)).Order(StringComparer.Ordinal))
            Problem($"project {id}: in the export but GET /api/projects/{id} found nothing");

        // Reported dates as day numbers: a task occupies ES..EF-1; a milestone has EF = ES.
        var reported = new Dictionary<TaskKey, (int Es, int Ef)>();
        foreach (var project in state.Projects.Values)
        {
            if (!views.TryGetValue(project.Id, out var view)) continue;
            foreach (var task in view.Tasks)
            {
                var es = calendar.DayNumber(task.EarlyStart);
                reported[new TaskKey(project.Id, task.Id)] = (es, task.Duration == 0 ? es : calendar.DayNumber(task.EarlyFinish) + 1);
            }
        }

        CheckSchedules(snapshot, state, Problem, Count);
        CheckLinks(snapshot, state, reported, Problem, Count);
        CheckRollups(snapshot, state, Problem, Count);
        var runs = CheckResources(snapshot, state, reported, Problem, Count);
        CheckAlerts(snapshot, state, statusDate, runs, Problem, Count);
        return Result(problems, total, checkedCounts);
    }

    private static ReconciliationResult Result(List<string> problems, int total, SortedDictionary<string, int> counts) =>
        new() { Ok = total == 0, Problems = problems, ProblemCount = total, Checked = counts };

    private static bool Sampled(ServiceSnapshot snapshot, string projectId) =>
        snapshot.ScheduleSample is null || snapshot.ScheduleSample.Contains(projectId);

    private static void CheckSchedules(ServiceSnapshot snapshot, EnterpriseState state, Action<string> problem, Action<string, int> count)
    {
        var calendar = state.Calendar;
        IReadOnlyDictionary<TaskKey, TaskDates> expected;
        try
        {
            expected = CriticalPath.ScheduleAll(state.Networks(), state.CrossLinks);
        }
        catch (InvalidOperationException e)
        {
            problem($"export: the exported task network cannot be scheduled: {e.Message}");
            return;
        }

        foreach (var project in state.Projects.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (!Sampled(snapshot, project.Id) || !snapshot.Projects.TryGetValue(project.Id, out var view)) continue;
            count("projects", 1);
            if (view.PortfolioId != project.PortfolioId)
                problem($"project {project.Id}: GET says portfolio {view.PortfolioId}, the export says {project.PortfolioId}");
            var byId = view.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
            var finish = project.Start;
            var any = false;
            foreach (var task in project.Tasks)
            {
                count("tasks", 1);
                var dates = expected[new TaskKey(project.Id, task.Id)];
                var earlyFinish = ProjectFigures.EarlyFinishDate(calendar, dates, task.Duration);
                if (!any || earlyFinish > finish) finish = earlyFinish;
                any = true;
                if (!byId.TryGetValue(task.Id, out var got))
                {
                    problem($"task {project.Id}/{task.Id}: in the export but not in GET /api/projects/{project.Id}");
                    continue;
                }
                var want = (
                    Es: calendar.DateOf(dates.EarlyStart), Ef: earlyFinish,
                    Ls: calendar.DateOf(dates.LateStart), Lf: ProjectFigures.LateFinishDate(calendar, dates, task.Duration),
                    Tf: dates.TotalFloat);
                var have = (Es: got.EarlyStart, Ef: got.EarlyFinish, Ls: got.LateStart, Lf: got.LateFinish, Tf: got.TotalFloat);
                if (got.Duration != task.Duration)
                    problem($"task {project.Id}/{task.Id}: GET says duration {got.Duration}, the export says {task.Duration}");
                if (want != have)
                    problem($"task {project.Id}/{task.Id}: reported ES/EF/LS/LF/float {Dates(have)}, a whole-portfolio CPM over the export gives {Dates(want)}");
            }
            if (view.Finish != finish)
                problem($"project {project.Id}: reported finish {D(view.Finish)}, a whole-portfolio CPM over the export gives {D(finish)}");
        }
    }

    private static void CheckLinks(ServiceSnapshot snapshot, EnterpriseState state, Dictionary<TaskKey, (int Es, int Ef)> reported,
        Action<string> problem, Action<string, int> count)
    {
        var calendar = state.Calendar;
        foreach (var project in state.Projects.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (!Sampled(snapshot, project.Id)) continue;
            var startDay = calendar.DayNumber(project.Start);
            foreach (var task in project.Tasks)
            {
                if (reported.TryGetValue(new TaskKey(project.Id, task.Id), out var dates) && dates.Es < startDay)
                    problem($"task {project.Id}/{task.Id}: starts {D(calendar.DateOf(dates.Es))}, before its project's start {D(project.Start)}");
            }
            foreach (var link in project.Links)
                CheckLink(new TaskKey(project.Id, link.From), new TaskKey(project.Id, link.To), link.Type, link.Lag);
        }
        foreach (var link in state.CrossLinks)
        {
            if (!Sampled(snapshot, link.From.ProjectId) && !Sampled(snapshot, link.To.ProjectId)) continue;
            CheckLink(link.From, link.To, link.Type, link.Lag);
        }

        void CheckLink(TaskKey from, TaskKey to, LinkType type, int lag)
        {
            if (!reported.TryGetValue(from, out var a) || !reported.TryGetValue(to, out var b)) return;
            count("links", 1);
            var (left, right) = type switch
            {
                LinkType.FS => (b.Es, a.Ef + lag),
                LinkType.SS => (b.Es, a.Es + lag),
                LinkType.FF => (b.Ef, a.Ef + lag),
                _ => (b.Ef, a.Es + lag),
            };
            if (left < right)
                problem($"link {from} -> {to} ({type}, lag {lag}): violated by the reported dates " +
                        $"({from.TaskId} {D(calendar.DateOf(a.Es))}..{D(calendar.DateOf(Math.Max(a.Es, a.Ef - 1)))}, " +
                        $"{to.TaskId} {D(calendar.DateOf(b.Es))}..{D(calendar.DateOf(Math.Max(b.Es, b.Ef - 1)))})");
        }
    }

    private static void CheckRollups(ServiceSnapshot snapshot, EnterpriseState state, Action<string> problem, Action<string, int> count)
    {
        var reported = snapshot.Portfolios.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var id in state.Portfolios.Keys.Where(id => !reported.ContainsKey(id)).Order(StringComparer.Ordinal))
            problem($"portfolio {id}: in the export but not in GET /api/portfolios");
        foreach (var id in reported.Keys.Where(id => !state.Portfolios.ContainsKey(id)).Order(StringComparer.Ordinal))
            problem($"portfolio {id}: in GET /api/portfolios but not in the export");

        var projectCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var eac = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var project in state.Projects.Values)
        {
            var projectEac = snapshot.Projects.TryGetValue(project.Id, out var view) ? view.Eac : 0m;
            foreach (var portfolio in state.Lineage(project.PortfolioId))
            {
                projectCount[portfolio] = projectCount.GetValueOrDefault(portfolio) + 1;
                eac[portfolio] = eac.GetValueOrDefault(portfolio) + projectEac;
            }
        }
        foreach (var view in snapshot.Portfolios.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (!state.Portfolios.ContainsKey(view.Id)) continue;
            count("portfolios", 1);
            var n = projectCount.GetValueOrDefault(view.Id);
            if (view.ProjectCount != n)
                problem($"portfolio {view.Id}: projectCount {view.ProjectCount}, but {n} projects of the export sit below it");
            var sum = eac.GetValueOrDefault(view.Id);
            if (Math.Abs(view.Eac - sum) > CentPerProject * Math.Max(1, n))
                problem($"portfolio {view.Id}: eac {Money(view.Eac)}, but its {n} projects' eac sum to {Money(sum)}");
        }
    }

    /// <summary>Checks each fetched resource's runs against a recount; returns the recounted runs (date form) per resource.</summary>
    private static Dictionary<string, List<(DateOnly From, DateOnly To, decimal Peak)>> CheckResources(ServiceSnapshot snapshot, EnterpriseState state,
        Dictionary<TaskKey, (int Es, int Ef)> reported, Action<string> problem, Action<string, int> count)
    {
        var calendar = state.Calendar;
        var segments = new Dictionary<string, List<LoadSegment>>(StringComparer.Ordinal);
        foreach (var project in state.Projects.Values)
            project.AddLoadSegments(id => reported.TryGetValue(new TaskKey(project.Id, id), out var d) ? new TaskDates(d.Es, d.Ef, d.Es, d.Ef) : null, segments);

        var recounted = new Dictionary<string, List<(DateOnly, DateOnly, decimal)>>(StringComparer.Ordinal);
        foreach (var (id, load) in snapshot.ResourceLoads.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!state.Resources.TryGetValue(id, out var resource))
            {
                problem($"resource {id}: its load was read but it is not in the export");
                continue;
            }
            count("resources", 1);
            var runs = ResourceLoad.Overallocations(resource.Capacity, segments.GetValueOrDefault(id) ?? [])
                .Select(r => (calendar.DateOf(r.FromDay), calendar.DateOf(r.ToDay), r.Peak)).ToList();
            recounted[id] = runs;
            var got = load.Overallocated.Select(r => (r.From, r.To, r.Peak)).ToList();
            var same = got.Count == runs.Count && got.Zip(runs).All(p => p.First.From == p.Second.Item1 && p.First.To == p.Second.Item2 && Math.Abs(p.First.Peak - p.Second.Item3) < 0.0001m);
            if (!same)
                problem($"resource {id}: overallocated {Runs(got)}, a recount from the reported task dates and the export's assignments gives {Runs(runs)}");
            if (load.Capacity != resource.Capacity)
                problem($"resource {id}: capacity {load.Capacity}, the export says {resource.Capacity}");
        }
        return recounted;
    }

    private static void CheckAlerts(ServiceSnapshot snapshot, EnterpriseState state, DateOnly statusDate,
        Dictionary<string, List<(DateOnly From, DateOnly To, decimal Peak)>> runs, Action<string> problem, Action<string, int> count)
    {
        var latest = new Dictionary<string, AlertEntry>(StringComparer.Ordinal);
        foreach (var entry in snapshot.AlertLog) latest[entry.Id] = entry;
        var open = latest.Values.Where(a => !string.Equals(a.State, "resolved", StringComparison.OrdinalIgnoreCase)).OrderBy(a => a.Seq).ToList();
        var openKeys = open.Select(a => (a.Kind, a.Subject)).ToHashSet();
        var portfolios = snapshot.Portfolios.ToDictionary(p => p.Id, StringComparer.Ordinal);

        foreach (var alert in open)
        {
            count("openAlerts", 1);
            var (kind, subject) = (alert.Kind, alert.Subject);
            var colon = subject.IndexOf(':', StringComparison.Ordinal);
            var (type, id) = colon < 0 ? (subject, "") : (subject[..colon], subject[(colon + 1)..]);
            var what = $"open {kind} alert {alert.Id} on {subject} (seq {alert.Seq}, change {alert.ChangeId})";
            switch (kind, type)
            {
                case ("ScheduleSlip", "project"):
                    if (Project(id) is { } slipped && !(slipped.Finish > slipped.BaselineFinish))
                        problem($"{what}: no longer true: finish {D(slipped.Finish)} is not after baselineFinish {D(slipped.BaselineFinish)}");
                    break;
                case ("BudgetOverrun", "project"):
                    if (Project(id) is { } over && over.Eac < over.Budget)
                        problem($"{what}: no longer true: eac {Money(over.Eac)} is within budget {Money(over.Budget)}");
                    break;
                case ("BudgetOverrun", "portfolio"):
                    if (!portfolios.TryGetValue(id, out var portfolio)) problem($"{what}: the portfolio does not exist");
                    else if (portfolio.Eac < portfolio.Budget)
                        problem($"{what}: no longer true: eac {Money(portfolio.Eac)} is within budget {Money(portfolio.Budget)}");
                    break;
                case ("CostPerformance", "project"):
                    if (Project(id) is { } spent && (spent.Ac <= 0m || spent.Cpi >= 0.9005m))
                        problem($"{what}: no longer true: cpi {spent.Cpi} with actual cost {Money(spent.Ac)}");
                    break;
                case ("ResourceConflict", "resource"):
                    if (!state.Resources.ContainsKey(id)) problem($"{what}: the resource does not exist");
                    else if (snapshot.ResourceLoads.TryGetValue(id, out var load) && !load.Overallocated.Any(r => r.To >= statusDate))
                        problem($"{what}: no longer true: no over-allocated run reaches the status date {D(statusDate)} ({Runs(load.Overallocated.Select(r => (r.From, r.To, r.Peak)).ToList())})");
                    break;
                case ("DeadlineAtRisk", "task"):
                    var slash = id.IndexOf('/', StringComparison.Ordinal);
                    var (projectId, taskId) = slash < 0 ? (id, "") : (id[..slash], id[(slash + 1)..]);
                    if (Project(projectId) is not { } owner) break;
                    var task = owner.Tasks.FirstOrDefault(t => t.Id == taskId);
                    var deadline = state.FindTask(projectId, taskId)?.Deadline;
                    if (task is null) problem($"{what}: the task does not exist");
                    else if (deadline is null) problem($"{what}: the task has no deadline in the export");
                    else if (!(task.EarlyFinish > deadline)) problem($"{what}: no longer true: earlyFinish {D(task.EarlyFinish)} is not after the deadline {D(deadline.Value)}");
                    break;
            }

            ProjectView? Project(string projectId)
            {
                if (snapshot.Projects.TryGetValue(projectId, out var view)) return view;
                problem($"{what}: project {projectId} does not exist (cancelled projects' alerts should be resolved)");
                return null;
            }
        }

        // The other direction: a condition that holds must have its open alert.
        foreach (var view in snapshot.Projects.Values.OrderBy(v => v.Id, StringComparer.Ordinal))
        {
            if (!state.Projects.TryGetValue(view.Id, out var project)) continue;
            if (view.Finish > view.BaselineFinish && !openKeys.Contains(("ScheduleSlip", $"project:{view.Id}")))
                problem($"project {view.Id}: finish {D(view.Finish)} is after baselineFinish {D(view.BaselineFinish)} but no ScheduleSlip alert is open");
            if (view.Eac > view.Budget + CentPerProject && !openKeys.Contains(("BudgetOverrun", $"project:{view.Id}")))
                problem($"project {view.Id}: eac {Money(view.Eac)} exceeds budget {Money(view.Budget)} but no BudgetOverrun alert is open");
            foreach (var task in view.Tasks)
            {
                if (project.TaskById.TryGetValue(task.Id, out var defined) && defined.Deadline is { } due && task.EarlyFinish > due
                    && !openKeys.Contains(("DeadlineAtRisk", $"task:{view.Id}/{task.Id}")))
                    problem($"task {view.Id}/{task.Id}: earlyFinish {D(task.EarlyFinish)} is after its deadline {D(due)} but no DeadlineAtRisk alert is open");
            }
        }
        foreach (var (id, recount) in runs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (recount.Any(r => r.To >= statusDate) && !openKeys.Contains(("ResourceConflict", $"resource:{id}")))
                problem($"resource {id}: over-allocated on or after the status date {D(statusDate)} ({Runs(recount)}) but no ResourceConflict alert is open");
        }
        foreach (var portfolio in snapshot.Portfolios.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (portfolio.Eac > portfolio.Budget + CentPerProject * Math.Max(1, portfolio.ProjectCount) && !openKeys.Contains(("BudgetOverrun", $"portfolio:{portfolio.Id}")))
                problem($"portfolio {portfolio.Id}: eac {Money(portfolio.Eac)} exceeds budget {Money(portfolio.Budget)} but no BudgetOverrun alert is open");
        }
    }

    private static string D(DateOnly date) => DocumentReading.Format(date);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Dates((DateOnly Es, DateOnly Ef, DateOnly Ls, DateOnly Lf, int Tf) d) =>
        $"{D(d.Es)}/{D(d.Ef)}/{D(d.Ls)}/{D(d.Lf)}/{d.Tf}";

    private static string Runs(List<(DateOnly From, DateOnly To, decimal Peak)> runs) =>
        runs.Count == 0 ? "none" : runs.Count > 4
            ? $"{runs.Count} runs from {D(runs[0].From)} to {D(runs[^1].To)}"
            : string.Join(", ", runs.Select(r => $"{D(r.From)}..{D(r.To)} peak {r.Peak.ToString(CultureInfo.InvariantCulture)}"));
}
