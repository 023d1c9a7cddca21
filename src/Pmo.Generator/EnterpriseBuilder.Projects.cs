using System.Globalization;
using Pmo.Domain.Documents;

namespace Pmo.Generator;

internal sealed partial class EnterpriseBuilder
{
    private const int InitiationPhase = 0, DesignPhase = 1, BuildPhase = 2, PhaseCount = 5;
    private const int MaxTasks = 60;
    private const int MaxIncomingRandomLinks = 4;
    private const int UnstaffedPercent = 10;

    private static readonly int[] PhaseSharePercent = [10, 20, 40, 20, 10];
    private static readonly (int Min, int Max)[] PhaseDurations = [(1, 5), (2, 10), (3, 15), (2, 10), (1, 5)];
    private static readonly int[] MaxBranches = [3, 3, 4, 3, 3];
    private static readonly decimal[] UnitSteps = [0.25m, 0.5m, 0.75m, 1m];
    private static readonly int[] UnitWeightsPercent = [50, 30, 12, 8];
    private static readonly string[] WorkTaskIds = Enumerable.Range(0, MaxTasks + 1)
        .Select(i => "t" + i.ToString("D2", CultureInfo.InvariantCulture)).ToArray();

    private enum Link { FS, SS, FF, SF }
    private static readonly string[] LinkNames = ["FS", "SS", "FF", "SF"];

    /// <summary>What later projects need of an earlier one to link to it.</summary>
    private readonly record struct ProjectAnchor(
        string Id, string? MidId, int MidDay, string GoLiveId, int GoLiveDay, string LastId, int LastStart, int LastFinish);

    private readonly ProjectAnchor[] _anchors;
    private readonly string _projectIdFormat;
    private int _randomLinkTarget;
    private int _randomLinks;

    // Per-project scratch, reused: working-day numbers of the tasks being built, in creation order.
    private readonly int[] _es = new int[MaxTasks + 1];
    private readonly int[] _duration = new int[MaxTasks + 1];
    private readonly string[] _ids = new string[MaxTasks + 1];
    private readonly int[] _team = new int[8];
    private readonly int[] _nameOrder = new int[Vocabulary.BuildTasks.Length];
    private readonly List<int> _initiationTasks = new();
    private readonly List<(int Source, string FromTask, int ToTask)> _incoming = new();
    private int _teamSize;
    private int _taskCount;
    private int _projectStart;
    private List<LinkEntry> _links = [];

    private ProjectEntry BuildProject(int j, int plannedStart, int chainPredecessor, bool inChain, List<CrossLinkEntry> crossLinks)
    {
        var id = "p-" + (j + 1).ToString(_projectIdFormat, CultureInfo.InvariantCulture);
        var name = ProjectName();
        var leaf = PickLeaf();
        var priority = _rng.Number(1, 1000);
        var taskCount = TaskCount();
        // Chain members sign off design in a milestone that the next project in the chain waits for.
        var milestones = inChain || Chance(40) ? 2 : 1;
        var midPhase = milestones == 1 ? -1 : inChain || Chance(60) ? DesignPhase : BuildPhase;

        var start = plannedStart;
        int chainDay = -1, chainLag = 0;
        if (chainPredecessor >= 0)
        {
            // The project is approved to start a few days before its predecessor's sign-off can
            // release it, so the link binds: any slip upstream moves this project too.
            chainLag = _rng.Number(0, 5);
            chainDay = _anchors[chainPredecessor].MidDay + chainLag;
            start = Math.Max(0, chainDay - _rng.Number(0, 5));
        }

        PickTeam();
        _taskCount = 0;
        _projectStart = start;
        _initiationTasks.Clear();
        _links = new List<LinkEntry>(taskCount + taskCount / 3);
        var tasks = new List<TaskEntry>(taskCount);
        var bac = 0m;
        var workCount = 0;
        var milestoneCount = 0;

        var phaseSizes = PhaseSizes(taskCount - milestones);
        var entry = new List<int>();
        var exits = new List<int>();
        var lastWork = -1;
        var midIndex = -1;
        for (var phase = 0; phase < PhaseCount; phase++)
        {
            exits.Clear();
            var branchSizes = SplitIntoBranches(phaseSizes[phase], phase);
            var names = new PhaseNames(Vocabulary.PhaseTasks[phase], _nameOrder, _rng);
            // Each workstream has its own lead, so parallel branches do not stack on one person;
            // over-allocation comes from people spread over several projects, as in real life.
            var firstLead = _teamSize == 0 ? 0 : _rng.Number(0, _teamSize - 1);
            for (var b = 0; b < branchSizes.Length; b++)
            {
                var lead = _teamSize == 0 ? 0 : (firstLead + b) % _teamSize;
                var previous = -1;
                for (var t = 0; t < branchSizes[b]; t++)
                {
                    var (minDays, maxDays) = PhaseDurations[phase];
                    var index = NewTask(WorkTaskIds[++workCount], _rng.Number(minDays, maxDays));
                    if (previous < 0)
                    {
                        foreach (var predecessor in entry) AddLink(predecessor, index, PhaseEntryLink(predecessor));
                    }
                    else
                    {
                        AddLink(previous, index, BranchLink(previous));
                    }
                    // Parallel branches sometimes have to finish together (e.g. build streams before test).
                    if (t == branchSizes[b] - 1 && b > 0 && Chance(25))
                        AddLink(exits[b - 1], index, (Link.FF, _rng.Number(0, 2)));
                    if (index == 0 && chainDay >= 0) _es[0] = Math.Max(_es[0], chainDay);
                    if (phase == InitiationPhase) _initiationTasks.Add(index);

                    tasks.Add(WorkTask(index, names.Next(), lead, ref bac));
                    previous = index;
                    lastWork = index;
                }
                exits.Add(previous);
            }

            entry.Clear();
            if (phase == midPhase)
            {
                midIndex = NewTask("m" + (++milestoneCount).ToString(CultureInfo.InvariantCulture), 0);
                foreach (var exit in exits) AddLink(exit, midIndex, (Link.FS, 0));
                tasks.Add(Milestone(midIndex, phase == DesignPhase ? "Design approved" : "Build complete", Chance(50)));
                entry.Add(midIndex);
            }
            else
            {
                entry.AddRange(exits);
            }
        }

        var goLive = NewTask("m" + (++milestoneCount).ToString(CultureInfo.InvariantCulture), 0);
        foreach (var exit in entry) AddLink(exit, goLive, (Link.FS, 0));
        tasks.Add(Milestone(goLive, "Go-live", withDeadline: true));

        _anchors[j] = new ProjectAnchor(
            id,
            midIndex >= 0 ? _ids[midIndex] : null, midIndex >= 0 ? _es[midIndex] : -1,
            _ids[goLive], _es[goLive],
            _ids[lastWork], _es[lastWork], _es[lastWork] + _duration[lastWork]);

        _incoming.Clear();
        if (chainPredecessor >= 0)
        {
            var predecessor = _anchors[chainPredecessor];
            crossLinks.Add(new CrossLinkEntry
            {
                FromProject = predecessor.Id, FromTask = predecessor.MidId, ToProject = id, ToTask = _ids[0],
                Type = LinkNames[(int)Link.FS], Lag = NullIfZero(chainLag),
            });
            _incoming.Add((chainPredecessor, predecessor.MidId!, 0));
        }
        AddRandomCrossLinks(j, id, crossLinks);

        var budget = RoundTo(bac * _rng.Number(100, 120) / 100m, 100m);
        _portfolioProjectBudgets[leaf] += budget;
        _portfolioProjectCosts[leaf] += bac;

        return new ProjectEntry
        {
            Id = id,
            Name = name,
            PortfolioId = _portfolioIds[leaf],
            Priority = priority,
            Start = _days.TextOf(start),
            Budget = budget,
            Tasks = tasks,
            Links = _links,
        };
    }

    private int NewTask(string id, int duration)
    {
        var index = _taskCount++;
        _ids[index] = id;
        _duration[index] = duration;
        _es[index] = _projectStart;
        return index;
    }

    /// <summary>Links always run from an earlier-created task to the newest one, so a network is acyclic by
    /// construction and the newest task's early start is final once its links are added.</summary>
    private void AddLink(int from, int to, (Link Type, int Lag) link)
    {
        var (type, lag) = link;
        _links.Add(new LinkEntry { From = _ids[from], To = _ids[to], Type = LinkNames[(int)type], Lag = NullIfZero(lag) });
        var finish = _es[from] + _duration[from];
        var bound = type switch
        {
            Link.FS => finish + lag,
            Link.SS => _es[from] + lag,
            Link.FF => finish + lag - _duration[to],
            _ => _es[from] + lag - _duration[to],
        };
        if (bound > _es[to]) _es[to] = bound;
    }

    private (Link, int) PhaseEntryLink(int predecessor)
    {
        if (_duration[predecessor] == 0) return (Link.FS, Chance(85) ? 0 : _rng.Number(1, 3));
        return Chance(85)
            ? (Link.FS, FinishLag(predecessor))
            : (Link.SS, _rng.Number(1, Math.Max(1, _duration[predecessor] - 1)));
    }

    private (Link, int) BranchLink(int predecessor)
    {
        var r = _rng.Number(1, 100);
        if (r <= 78) return (Link.FS, FinishLag(predecessor));
        if (r <= 88) return (Link.SS, _rng.Number(1, Math.Max(1, _duration[predecessor] / 2)));
        if (r <= 98) return (Link.FF, _rng.Number(0, 2));
        return (Link.SF, _rng.Number(1, 3));
    }

    /// <summary>Mostly none, sometimes a wait, occasionally a lead that overlaps a longer predecessor.</summary>
    private int FinishLag(int predecessor)
    {
        var r = _rng.Number(1, 100);
        if (r <= 75) return 0;
        if (r <= 90) return _rng.Number(1, 3);
        return _duration[predecessor] >= 3 ? -_rng.Number(1, 2) : 0;
    }

    private TaskEntry WorkTask(int index, string name, int lead, ref decimal bac)
    {
        var duration = _duration[index];
        List<AssignmentEntry>? assignments = null;
        var fixedCost = 0m;
        var cost = 0m;
        // A few tasks are bought in (a licence, an audit) rather than staffed.
        if (_teamSize == 0 || Chance(UnstaffedPercent))
        {
            fixedCost = _rng.Number(20, 400) * 100;
        }
        else
        {
            var start = _es[index];
            var count = _teamSize >= 2 && Chance(20) ? 2 : 1;
            assignments = new List<AssignmentEntry>(count);
            var units = Units();
            var slot = Staff(lead, start, duration, units);
            cost += Assign(assignments, _team[slot], units, duration);
            if (count == 2)
            {
                // The second member differs from the first (one assignment per resource and task) and
                // only helps out when free.
                var helper = _team[(slot + _rng.Number(1, _teamSize - 1)) % _teamSize];
                var helperUnits = Units();
                if (_hotExpert[helper] || _book.Fits(helper, start, duration, Hundredths(helperUnits)))
                {
                    _book.Book(helper, start, duration, Hundredths(helperUnits));
                    cost += Assign(assignments, helper, helperUnits, duration);
                }
            }
            if (Chance(12)) fixedCost = _rng.Number(10, 500) * 100;
        }
        cost += fixedCost;
        bac += cost;

        decimal? percent = null, actual = null;
        var started = _es[index];
        if (started <= _statusDay)
        {
            var planned = Math.Min(100, (_statusDay - started + 1) * 100 / duration);
            var done = planned >= 100
                ? (Chance(80) ? 100 : _rng.Number(70, 95))
                : Math.Min(99, planned * _rng.Number(60, 120) / 100);
            if (done > 0)
            {
                percent = done;
                // Usually near plan, now and then well over what was earned.
                var factor = Chance(70) ? _rng.Number(85, 105) : _rng.Number(106, 135);
                if (cost > 0) actual = decimal.Round(cost * done * factor / 10_000m, 0, MidpointRounding.AwayFromZero);
            }
        }

        return new TaskEntry
        {
            Id = _ids[index],
            Name = name,
            Duration = duration,
            FixedCost = fixedCost == 0 ? null : fixedCost,
            Assignments = assignments,
            PercentComplete = percent,
            ActualCost = actual,
        };
    }

    private TaskEntry Milestone(int index, string name, bool withDeadline)
    {
        var day = _es[index];
        decimal? percent = day <= _statusDay && Chance(90) ? 100 : null;
        return new TaskEntry
        {
            Id = _ids[index],
            Name = name,
            Duration = 0,
            PercentComplete = percent,
            Deadline = withDeadline ? Deadline(day) : null,
        };
    }

    /// <summary>Mostly comfortable, some tight (a few days of slack), a few already missed at import.</summary>
    private string Deadline(int day)
    {
        var r = _rng.Number(1, 100);
        var offset = r <= 8 ? -_rng.Number(1, 5) : r <= 30 ? _rng.Number(0, 3) : _rng.Number(10, 40);
        return _days.TextOf(Math.Max(0, day + offset));
    }

    /// <summary>The lead if free, else the first free team member after the lead, else the lead anyway
    /// (the task has to be done by someone). Experts are booked without looking.</summary>
    private int Staff(int lead, int start, int duration, decimal units)
    {
        var hundredths = Hundredths(units);
        var chosen = lead;
        for (var i = 0; i < _teamSize; i++)
        {
            var slot = (lead + i) % _teamSize;
            var resource = _team[slot];
            if (_hotExpert[resource] || _book.Fits(resource, start, duration, hundredths))
            {
                chosen = slot;
                break;
            }
        }
        _book.Book(_team[chosen], start, duration, hundredths);
        return chosen;
    }

    private decimal Assign(List<AssignmentEntry> assignments, int resource, decimal units, int duration)
    {
        assignments.Add(new AssignmentEntry { ResourceId = _resourceIds[resource], Units = units });
        return units * _resourceRates[resource] * duration;
    }

    private static int Hundredths(decimal units) => (int)(units * 100);

    private decimal Units()
    {
        var r = _rng.Number(1, 100);
        for (var i = 0; i < UnitSteps.Length; i++)
        {
            if (r <= UnitWeightsPercent[i]) return UnitSteps[i];
            r -= UnitWeightsPercent[i];
        }
        return UnitSteps[^1];
    }

    /// <summary>A small project team: its tasks share a few people, which is what over-allocates them.</summary>
    private void PickTeam()
    {
        var size = Math.Min(_resourceIds.Length, _rng.Number(3, _team.Length));
        _teamSize = 0;
        for (var attempt = 0; _teamSize < size && attempt < 50; attempt++)
        {
            var resource = PickResource();
            if (Array.IndexOf(_team, resource, 0, _teamSize) < 0) _team[_teamSize++] = resource;
        }
    }

    /// <summary>Triangular between 10 and 60 with its mode at 20: an average of 30 tasks, a long tail of big projects.</summary>
    private int TaskCount()
    {
        const double min = 10, max = 60, mode = 20;
        var u = _rng.Double();
        var split = (mode - min) / (max - min);
        var value = u < split
            ? min + Math.Sqrt(u * (max - min) * (mode - min))
            : max - Math.Sqrt((1 - u) * (max - min) * (max - mode));
        return Math.Clamp((int)Math.Round(value), (int)min, (int)max);
    }

    private static int[] PhaseSizes(int workTasks)
    {
        var sizes = new int[PhaseCount];
        var others = 0;
        for (var phase = 0; phase < PhaseCount; phase++)
        {
            if (phase == BuildPhase) continue;
            sizes[phase] = Math.Max(1, (workTasks * PhaseSharePercent[phase] + 50) / 100);
            others += sizes[phase];
        }
        sizes[BuildPhase] = Math.Max(1, workTasks - others);
        return sizes;
    }

    /// <summary>Sequential runs of tasks side by side; every branch has at least one task.</summary>
    private int[] SplitIntoBranches(int size, int phase)
    {
        var branches = size <= 2 ? 1 : _rng.Number(1, Math.Min(size, MaxBranches[phase]));
        var sizes = new int[branches];
        Array.Fill(sizes, 1);
        for (var extra = size - branches; extra > 0; extra--) sizes[_rng.Number(0, branches - 1)]++;
        return sizes;
    }

    private string ProjectName()
    {
        var r = _rng.Number(1, 100);
        var name = r switch
        {
            <= 40 => $"{Pick(Vocabulary.Systems)} {Pick(Vocabulary.SystemActions)}",
            <= 55 => $"{_faker.Commerce.Department(1)} {Pick(Vocabulary.RetailInitiatives)}",
            <= 70 => $"{_faker.Company.CompanyName()} {Pick(Vocabulary.VendorInitiatives)}",
            <= 80 => $"{_faker.Address.City()} {Pick(Vocabulary.SiteInitiatives)}",
            _ => $"{Pick(Vocabulary.BusinessUnits)} {Pick(Vocabulary.AreaInitiatives)}",
        };
        return Chance(15) ? name + Pick(Vocabulary.NameSuffixes) : name;
    }

    /// <summary>
    /// Dependencies on earlier projects' milestones or final tasks that the plan already satisfies
    /// (they add structure and carry a large slip, without stretching every date); mostly on recent
    /// projects. The running quota makes up for early projects that have nothing to depend on yet.
    /// </summary>
    private void AddRandomCrossLinks(int j, string id, List<CrossLinkEntry> crossLinks)
    {
        if (j == 0) return;
        var wanted = Math.Min(MaxIncomingRandomLinks, (int)((long)_randomLinkTarget * (j + 1) / _projects) - _randomLinks);
        for (var attempt = 0; wanted > 0 && attempt < MaxIncomingRandomLinks * 4; attempt++)
        {
            var u = _rng.Double();
            var sourceIndex = j - 1 - (int)(j * u * u);
            var source = _anchors[sourceIndex];

            string fromTask;
            Link type;
            int bound;
            var r = _rng.Number(1, 100);
            if (r <= 45 || (r <= 70 && source.MidId is null))
            {
                (fromTask, type, bound) = (source.GoLiveId, Link.FS, source.GoLiveDay);
            }
            else if (r <= 70)
            {
                (fromTask, type, bound) = (source.MidId!, Link.FS, source.MidDay);
            }
            else if (r <= 90)
            {
                (fromTask, type, bound) = (source.LastId, Link.FS, source.LastFinish);
            }
            else if (r <= 96)
            {
                (fromTask, type, bound) = (source.LastId, Link.SS, source.LastStart);
            }
            else
            {
                (fromTask, type, bound) = (source.LastId, Link.FF, source.LastFinish);
            }

            var lag = type switch
            {
                Link.FS => LinkLagAcrossProjects(),
                Link.SS => _rng.Number(0, 5),
                _ => _rng.Number(0, 3),
            };
            var target = _initiationTasks[_rng.Number(0, _initiationTasks.Count - 1)];
            var satisfied = type == Link.FF
                ? _es[target] + _duration[target] >= bound + lag
                : _es[target] >= bound + lag;
            if (!satisfied || _incoming.Contains((sourceIndex, fromTask, target))) continue;

            _incoming.Add((sourceIndex, fromTask, target));
            crossLinks.Add(new CrossLinkEntry
            {
                FromProject = source.Id, FromTask = fromTask, ToProject = id, ToTask = _ids[target],
                Type = LinkNames[(int)type], Lag = NullIfZero(lag),
            });
            _randomLinks++;
            wanted--;
        }
    }

    private int LinkLagAcrossProjects()
    {
        var r = _rng.Number(1, 100);
        return r <= 70 ? 0 : r <= 90 ? _rng.Number(1, 10) : -_rng.Number(1, 2);
    }

    /// <summary>Zero lags, costs and progress are left out of the document: absent is the readers'
    /// default, and a large document is mostly tasks and links.</summary>
    private static int? NullIfZero(int value) => value == 0 ? null : value;

    /// <summary>A phase's task names drawn without repeats (a plan does not list "System testing" twice);
    /// a phase longer than its list goes round again as "round 2".</summary>
    private struct PhaseNames(string[] names, int[] order, Bogus.Randomizer rng)
    {
        private int _drawn;

        public string Next()
        {
            var slot = _drawn % names.Length;
            if (slot == 0)
            {
                for (var i = 0; i < names.Length; i++) order[i] = i;
            }
            // One step of a Fisher-Yates shuffle per draw.
            var pick = rng.Number(slot, names.Length - 1);
            (order[slot], order[pick]) = (order[pick], order[slot]);
            var round = _drawn++ / names.Length;
            var name = names[order[slot]];
            return round == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name} round {round + 1}");
        }
    }
}
