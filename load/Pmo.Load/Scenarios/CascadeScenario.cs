using Pmo.Domain.Scheduling;

namespace Pmo.Load.Scenarios;

/// <summary>
/// Slips at the heads of the longest cross-project chains, so that every slip ripples through a
/// dozen projects one after another. The slipped task is the one that drives the head's linked
/// task (the linked task itself when it has a duration), so the slip really moves the chain.
/// Slips and recoveries alternate per chain so the plan does not drift without bound.
/// </summary>
public sealed class CascadeScenario(double rateShare = 1.0) : IScenario
{
    public const int Chains = 10;

    public string Name => "cascade";

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var targets = context.Model.Locked((state, _) => Targets(state));
        if (targets.Count == 0)
        {
            context.Note("cascade: the document has no cross-project chain; nothing to slip");
            return;
        }
        context.Note($"cascade: {targets.Count} chain heads, longest chain {targets.Max(t => t.Chain.Length)} projects: " +
                     string.Join(", ", targets.Select(t => $"{t.Chain.Head}/{t.TaskId} ({t.Chain.Length})")));
        var net = new int[targets.Count];
        long next = -1;
        await RateDriver.RunAsync(context.Options.Rate * rateShare, context.Options.Concurrency, context.Options.Duration, async token =>
        {
            var i = (int)(Interlocked.Increment(ref next) % targets.Count);
            var target = targets[i];
            var command = context.Model.Locked((state, random) =>
            {
                if (context.Model.EnterLocked(state, target.Chain.Head) is not { } project) return null;
                var task = project.TaskById[target.TaskId];
                var days = SteadyScenario.HeavyTailedDays(random, 15);
                if (net[i] > 0 && random.NextDouble() < 0.45) days = -Math.Min(days, Math.Min(net[i], task.Duration));
                if (days == 0) days = 1;
                net[i] += days;
                var slip = new SlipTask { ProjectId = project.Id, TaskId = task.Id, Days = days, Reason = "load harness: cascade" };
                var undo = state.Inverse(slip);
                state.Apply(slip);
                return new PlannedCommand("slip", slip, project.Id, undo);
            });
            // A head cancelled by a concurrent reorganisation is skipped; the others go on.
            if (command is null) return true;
            var outcome = await context.IssueAsync(command, token).ConfigureAwait(false);
            // The chain's net slip counts only what the service took, or recoveries would overshoot.
            if (outcome.Refused && command.Command is SlipTask { Days: { } refused })
                context.Model.Locked((_, _) => net[i] -= refused);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public sealed record Target(CrossChain Chain, string TaskId);

    /// <summary>The longest chains' heads and, in each, the task a slip should hit.</summary>
    public static List<Target> Targets(EnterpriseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var live = state.CrossLinks.Where(l => state.Projects.ContainsKey(l.From.ProjectId) && state.Projects.ContainsKey(l.To.ProjectId));
        var chains = CrossChains.Longest(live, Chains, minimumLength: 3);
        if (chains.Count == 0) chains = CrossChains.Longest(live, Chains, minimumLength: 2);
        var targets = new List<Target>();
        foreach (var chain in chains)
        {
            var head = state.Projects[chain.Head];
            if (DrivingTask(state, head, chain.FirstLink.From.TaskId, chain.FirstLink.Type) is { } task)
                targets.Add(new Target(chain, task));
        }
        return targets;
    }

    /// <summary>
    /// The task whose slip moves <paramref name="linkedTask"/>'s start (SS/SF links out of it) or
    /// finish (FS/FF): the task itself when its duration matters, else back along the binding
    /// predecessor links of the head's own schedule (a head has no cross-project predecessors,
    /// so scheduling it alone gives its real dates).
    /// </summary>
    public static string? DrivingTask(EnterpriseState state, ProjectState project, string linkedTask, LinkType outgoing)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(project);
        var network = state.Network(project);
        var dates = CriticalPath.ScheduleProject(network.StartDay, network.Tasks, network.Links, [], []).Tasks;
        var current = linkedTask;
        var finishMatters = outgoing is LinkType.FS or LinkType.FF;
        for (var guard = 0; guard <= project.Tasks.Count; guard++)
        {
            if (!project.TaskById.TryGetValue(current, out var task)) return null;
            if (finishMatters && task.Duration > 0) return current;
            NetworkLink? binding = null;
            var bindingBound = int.MinValue;
            foreach (var link in project.Links)
            {
                if (link.To != current || !dates.TryGetValue(link.From, out var from)) continue;
                var bound = link.Type switch
                {
                    LinkType.FS => from.EarlyFinish + link.Lag,
                    LinkType.SS => from.EarlyStart + link.Lag,
                    LinkType.FF => from.EarlyFinish + link.Lag - task.Duration,
                    _ => from.EarlyStart + link.Lag - task.Duration,
                };
                if (bound > bindingBound || (bound == bindingBound && link.Type is LinkType.FS or LinkType.FF))
                {
                    binding = link;
                    bindingBound = bound;
                }
            }
            if (binding is null) return task.Duration > 0 ? current : null;
            current = binding.From;
            finishMatters = binding.Type is LinkType.FS or LinkType.FF;
        }
        return null;
    }
}
