using System.Globalization;

namespace Pmo.Load.Scenarios;

/// <summary>
/// A reorganisation issued as fast as the service takes it (bounded concurrency, no rate): move 30 %
/// of the projects to other portfolios, merge two portfolios (move every project of one into the
/// other, then DELETE the emptied one), split one into three (two new portfolios under the same
/// parent, a third of its projects to each), move 20 % of the resources to other pools and cancel
/// 5 % of the projects. It runs once; the scenario ends when it is done, whatever the duration.
/// </summary>
public sealed class ReorgScenario : IScenario
{
    public string Name => "reorg";

    /// <summary>How often one step is sent while the service refuses it (with Retry-After) before the reorganisation goes on without it.</summary>
    public const int RefusedAttempts = 10;

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Model.Locked((state, random) =>
        {
            // Runs against one service share a seed, so the tag is re-drawn until no portfolio has it yet.
            string tag;
            do tag = random.Next(0x10000, 0xFFFFF).ToString("x", CultureInfo.InvariantCulture);
            while (state.Portfolios.Keys.Any(id => id.EndsWith(tag, StringComparison.Ordinal)));
            return Plan(state, random, tag);
        });
        foreach (var note in plan.Notes) context.Note($"reorg: {note}");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Options.Concurrency), CancellationToken = cancellationToken };

        // Phase 1: the split's new portfolios, so that the moves below may already land in them.
        await Parallel.ForEachAsync(plan.NewPortfolios, parallel, async (put, token) =>
            await Issue(context, new PlannedCommand("put-portfolio", put), token).ConfigureAwait(false)).ConfigureAwait(false);

        // Phase 2: independent moves, pool moves and cancellations, all at once.
        var first = new List<Func<CancellationToken, Task>>();
        foreach (var (project, portfolio) in plan.Moves) first.Add(t => MoveProject(context, "move-project", project, portfolio, t));
        foreach (var (resource, pool) in plan.ResourceMoves)
            first.Add(t => Issue(context, new PlannedCommand("move-resource", new MoveResource { ResourceId = resource, Pool = pool }), t));
        foreach (var project in plan.Cancels) first.Add(t => Cancel(context, project, t));
        await Parallel.ForEachAsync(first, parallel, async (step, token) => await step(token).ConfigureAwait(false)).ConfigureAwait(false);

        // Phase 3: the merge (whatever the merged portfolio still holds), then the emptied portfolio goes.
        if (plan.MergeFrom is { } from && plan.MergeInto is { } into)
        {
            var members = context.Model.Locked((state, _) => ProjectsOf(state, from));
            await Parallel.ForEachAsync(members, parallel, async (project, token) =>
                await MoveProject(context, "merge-move", project, into, token).ConfigureAwait(false)).ConfigureAwait(false);
            await Issue(context, new PlannedCommand("delete-portfolio", new DeletePortfolio(from)), cancellationToken).ConfigureAwait(false);
        }

        // Phase 4: the split, over the projects the source holds now (moves and the merge may have changed them).
        if (plan.SplitFrom is { } source && plan.NewPortfolios.Count == 2)
        {
            var members = context.Model.Locked((state, random) => ProjectsOf(state, source).OrderBy(_ => random.Next()).ToList());
            var third = members.Count / 3;
            var moves = members.Take(third).Select(p => (p, plan.NewPortfolios[0].PortfolioId))
                .Concat(members.Skip(third).Take(third).Select(p => (p, plan.NewPortfolios[1].PortfolioId)));
            await Parallel.ForEachAsync(moves, parallel, async (move, token) =>
                await MoveProject(context, "split-move", move.p, move.PortfolioId, token).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    private static async Task Issue(ScenarioContext context, PlannedCommand command, CancellationToken cancellationToken)
    {
        // The reorganisation runs once, as fast as it is taken: a refused step waits and is sent again.
        var outcome = await context.IssueUntilTakenAsync(command, RefusedAttempts, cancellationToken).ConfigureAwait(false);
        if (outcome.Accepted) context.Model.Apply(command.Command);
    }

    private static Task MoveProject(ScenarioContext context, string kind, string project, string portfolio, CancellationToken cancellationToken) =>
        Issue(context, new PlannedCommand(kind, new MoveProject { ProjectId = project, PortfolioId = portfolio }), cancellationToken);

    private static async Task Cancel(ScenarioContext context, string project, CancellationToken cancellationToken)
    {
        if (!await context.Model.CloseAsync(project, cancellationToken).ConfigureAwait(false)) return;
        await Issue(context, new PlannedCommand("cancel-project", new CancelProject(project)), cancellationToken).ConfigureAwait(false);
    }

    private static List<string> ProjectsOf(EnterpriseState state, string portfolio) =>
        [.. state.Projects.Values.Where(p => p.PortfolioId == portfolio).Select(p => p.Id).Order(StringComparer.Ordinal)];

    public sealed record ReorgPlan
    {
        public List<(string Project, string Portfolio)> Moves { get; } = [];
        public List<(string Resource, string Pool)> ResourceMoves { get; } = [];
        public List<string> Cancels { get; } = [];
        public List<PutPortfolio> NewPortfolios { get; } = [];
        public string? MergeFrom { get; set; }
        public string? MergeInto { get; set; }
        public string? SplitFrom { get; set; }
        public List<string> Notes { get; } = [];
    }

    /// <summary>
    /// Decides the whole reorganisation up front, so that its parts never meet: cancelled projects
    /// are not moved, nothing is moved into the merged-away portfolio, and the merge and the split
    /// read their portfolios' members only once the moves and cancellations are done.
    /// </summary>
    public static ReorgPlan Plan(EnterpriseState state, Random random, string tag)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(random);
        var plan = new ReorgPlan();
        var parents = state.Portfolios.Values.Where(p => p.ParentId is not null).Select(p => p.ParentId!).ToHashSet(StringComparer.Ordinal);
        var counts = state.Projects.Values.GroupBy(p => p.PortfolioId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var leaves = state.Portfolios.Keys.Where(id => !parents.Contains(id)).Order(StringComparer.Ordinal).ToList();
        var stocked = leaves.Where(id => counts.GetValueOrDefault(id) > 0).OrderBy(_ => random.Next()).ToList();

        if (stocked.Count >= 2)
        {
            plan.MergeFrom = stocked[0];
            var sameParent = stocked.Skip(1).FirstOrDefault(id => state.Portfolios[id].ParentId == state.Portfolios[stocked[0]].ParentId);
            plan.MergeInto = sameParent ?? stocked[1];
        }
        else plan.Notes.Add("merge skipped: fewer than two leaf portfolios hold projects");

        // The split takes the biggest remaining leaf (after the merge it may be the merged one).
        var split = leaves.Where(id => id != plan.MergeFrom)
            .OrderByDescending(id => counts.GetValueOrDefault(id) + (id == plan.MergeInto && plan.MergeFrom is { } m ? counts.GetValueOrDefault(m) : 0))
            .ThenBy(id => id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (split is not null && counts.GetValueOrDefault(split) + (split == plan.MergeInto && plan.MergeFrom is { } merged ? counts.GetValueOrDefault(merged) : 0) >= 3)
        {
            plan.SplitFrom = split;
            var source = state.Portfolios[split];
            var budget = decimal.Round(source.Budget / 3m / 1000m) * 1000m;
            foreach (var suffix in new[] { "b", "c" })
                plan.NewPortfolios.Add(new PutPortfolio
                {
                    PortfolioId = $"{split}-{suffix}{tag}", Name = $"{source.Name} ({suffix.ToUpperInvariant()} {tag})",
                    ParentId = source.ParentId, ParentIdGiven = true, Budget = budget,
                });
        }
        else plan.Notes.Add("split skipped: no portfolio holds three projects");

        var projects = state.Projects.Keys.Order(StringComparer.Ordinal).OrderBy(_ => random.Next()).ToList();
        var cancelCount = Math.Max(1, (int)Math.Round(projects.Count * 0.05));
        plan.Cancels.AddRange(projects.Take(Math.Min(cancelCount, Math.Max(0, projects.Count - 1))));
        var cancelled = plan.Cancels.ToHashSet(StringComparer.Ordinal);

        var targets = leaves.Where(id => id != plan.MergeFrom).Concat(plan.NewPortfolios.Select(p => p.PortfolioId)).ToList();
        var moveCount = (int)Math.Round(projects.Count * 0.30);
        foreach (var id in projects)
        {
            if (plan.Moves.Count >= moveCount) break;
            var current = state.Projects[id].PortfolioId;
            if (cancelled.Contains(id)) continue;
            var choices = targets.Where(t => t != current).ToList();
            if (choices.Count == 0) break;
            plan.Moves.Add((id, choices[random.Next(choices.Count)]));
        }
        if (plan.Moves.Count < moveCount)
            plan.Notes.Add($"moved {plan.Moves.Count} projects instead of {moveCount}: there is no other portfolio to move them to");

        var pools = state.Resources.Values.Select(r => r.Pool).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var resources = state.Resources.Keys.Order(StringComparer.Ordinal).OrderBy(_ => random.Next()).ToList();
        foreach (var id in resources.Take((int)Math.Round(resources.Count * 0.20)))
        {
            var current = state.Resources[id].Pool;
            var others = pools.Where(p => p != current).ToList();
            plan.ResourceMoves.Add((id, others.Count > 0 ? others[random.Next(others.Count)] : $"Reorg {tag}"));
        }
        return plan;
    }
}
