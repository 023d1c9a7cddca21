using Pmo.Generator;

namespace Pmo.Domain.Tests.Generator;

public sealed class GeneratorShapeTests
{
    private static readonly string[] LinkTypes = ["FS", "SS", "FF", "SF"];

    [Theory]
    [InlineData("demo")]
    [InlineData("S")]
    [InlineData("M")]
    public void Sizes_give_the_promised_counts(string size)
    {
        var document = GeneratedDocuments.For(size);
        var projects = GeneratorOptions.ProjectsFor(size);

        Assert.Equal(projects, document.Projects!.Count);
        Assert.InRange(document.Resources!.Count, Math.Max(5, projects * 45 / 100), Math.Max(5, projects * 55 / 100));
        Assert.InRange(document.Portfolios!.Count, Math.Max(3, projects / 60), Math.Max(3, projects / 40));
        Assert.InRange(document.CrossLinks!.Count, projects * 8 / 10, projects * 11 / 10);

        var taskCounts = document.Projects.Select(p => p.Tasks!.Count).ToList();
        Assert.All(taskCounts, count => Assert.InRange(count, 10, 60));
        Assert.InRange(taskCounts.Average(), 25, 35);
    }

    [Theory]
    [InlineData("S")]
    [InlineData("M")]
    public void Ids_are_short_stable_and_unique(string size)
    {
        var document = GeneratedDocuments.For(size);
        Assert.Equal("pf-001", document.Portfolios![0].Id);
        Assert.Equal("r-0001", document.Resources![0].Id);
        Assert.Equal("p-00001", document.Projects![0].Id);
        AssertUnique(document.Portfolios.Select(p => p.Id!));
        AssertUnique(document.Resources.Select(r => r.Id!));
        AssertUnique(document.Projects.Select(p => p.Id!));
        foreach (var project in document.Projects)
        {
            AssertUnique(project.Tasks!.Select(t => t.Id!));
            Assert.All(project.Tasks!, t => Assert.Matches("^(t[0-9]{2}|m[12])$", t.Id!));
            AssertUnique(project.Links!.Select(l => (l.From, l.To)));
            Assert.All(project.Tasks!, t => AssertUnique((t.Assignments ?? []).Select(a => a.ResourceId!)));
        }
        AssertUnique(document.CrossLinks!.Select(c => (c.FromProject, c.FromTask, c.ToProject, c.ToTask)));
    }

    [Theory]
    [InlineData("S")]
    [InlineData("M")]
    public void Every_reference_resolves(string size)
    {
        var document = GeneratedDocuments.For(size);
        var portfolios = document.Portfolios!.ToDictionary(p => p.Id!);
        var resources = document.Resources!.Select(r => r.Id!).ToHashSet();
        var projectIndex = document.Projects!.Select((p, i) => (p.Id!, i)).ToDictionary(x => x.Item1, x => x.i);

        Assert.Single(document.Portfolios!, p => p.ParentId is null);
        foreach (var portfolio in document.Portfolios!)
        {
            if (portfolio.ParentId is not null) Assert.Contains(portfolio.ParentId, portfolios.Keys);
            // Walking up must reach the root: no portfolio nested inside itself.
            var steps = 0;
            for (var at = portfolio; at.ParentId is not null; at = portfolios[at.ParentId]) Assert.True(++steps < portfolios.Count);
        }

        var leaves = document.Portfolios!.Where(p => document.Portfolios!.All(c => c.ParentId != p.Id)).Select(p => p.Id).ToHashSet();
        foreach (var project in document.Projects!)
        {
            Assert.Contains(project.PortfolioId, leaves);
            var tasks = project.Tasks!.Select(t => t.Id!).ToHashSet();
            Assert.All(project.Links!, link =>
            {
                Assert.Contains(link.From!, tasks);
                Assert.Contains(link.To!, tasks);
                Assert.NotEqual(link.From, link.To);
                Assert.Contains(link.Type!, LinkTypes);
            });
            foreach (var task in project.Tasks!)
                Assert.All(task.Assignments ?? [], a => Assert.Contains(a.ResourceId!, resources));
        }

        var tasksOf = document.Projects!.ToDictionary(p => p.Id!, p => p.Tasks!.Select(t => t.Id!).ToHashSet());
        Assert.All(document.CrossLinks!, link =>
        {
            Assert.Contains(link.FromTask!, tasksOf[link.FromProject!]);
            Assert.Contains(link.ToTask!, tasksOf[link.ToProject!]);
            Assert.Contains(link.Type!, LinkTypes);
            // Only from an earlier project to a later one: acyclic across projects by construction.
            Assert.True(projectIndex[link.FromProject!] < projectIndex[link.ToProject!]);
        });
    }

    [Theory]
    [InlineData("S", 1)]
    [InlineData("S", 2)]
    [InlineData("M", 1)]
    public void The_combined_network_has_no_cycle(string size, int seed)
    {
        var document = seed == 1 ? GeneratedDocuments.For(size) : EnterpriseGenerator.Generate(GeneratorOptions.ForSize(size, seed));
        var model = new PlanModel(document);
        Assert.Null(model.FindCycle());
    }

    [Fact]
    public void The_cycle_check_itself_finds_a_cycle()
    {
        var document = GeneratedDocuments.Small;
        var back = document.CrossLinks![0] with
        {
            FromProject = document.CrossLinks[0].ToProject,
            FromTask = document.Projects!.Single(p => p.Id == document.CrossLinks[0].ToProject).Tasks![^1].Id,
            ToProject = document.CrossLinks[0].FromProject,
            ToTask = "t01",
        };
        var cyclic = document with { CrossLinks = [.. document.CrossLinks, back] };
        var cycle = new PlanModel(cyclic).FindCycle();
        Assert.NotNull(cycle);
        Assert.Equal(cycle[0], cycle[^1]);
    }

    [Theory]
    [InlineData("S")]
    [InlineData("M")]
    public void Dates_and_numbers_are_well_formed(string size)
    {
        var document = GeneratedDocuments.For(size);
        var start = new DateOnly(2027, 1, 4);
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri"], document.Calendar!.WorkingDays);
        Assert.InRange(document.Calendar.Holidays!.Count, 2, 20);
        var status = PlanModel.Parse(document.StatusDate!);
        Assert.InRange(status.DayNumber - start.DayNumber, 55, 60);

        foreach (var project in document.Projects!)
        {
            var projectStart = PlanModel.Parse(project.Start!);
            Assert.True(projectStart >= start);
            Assert.InRange(project.Priority!.Value, 1, 1000);
            Assert.True(project.Budget > 0);
            foreach (var task in project.Tasks!)
            {
                Assert.True(task.Duration >= 0);
                Assert.False(string.IsNullOrWhiteSpace(task.Name));
                Assert.True((task.FixedCost ?? 0) >= 0);
                Assert.InRange(task.PercentComplete ?? 0, 0, 100);
                Assert.True((task.ActualCost ?? 0) >= 0);
                if (task.Deadline is not null) PlanModel.Parse(task.Deadline);
                Assert.All(task.Assignments ?? [], a => Assert.InRange(a.Units!.Value, 0.25m, 1m));
            }
        }
        Assert.All(document.Resources!, r =>
        {
            Assert.InRange(r.CostRate!.Value, 300m, 1200m);
            Assert.True(r.Capacity > 0);
            Assert.False(string.IsNullOrWhiteSpace(r.Pool));
        });
        Assert.Contains(document.Resources!, r => r.Capacity > 1);
        Assert.True(document.Resources!.Select(r => r.Pool).Distinct().Count() >= 5);
    }

    [Theory]
    [InlineData("S")]
    [InlineData("M")]
    public void Every_project_has_a_milestone_with_a_deadline(string size)
    {
        var document = GeneratedDocuments.For(size);
        Assert.All(document.Projects!, project =>
            Assert.Contains(project.Tasks!, t => t.Duration == 0 && t.Deadline is not null));

        // Some deadlines are tight or already missed at the planned dates.
        var model = new PlanModel(document);
        var es = model.EarlyStarts();
        var slack = document.Projects!
            .SelectMany(p => p.Tasks!.Where(t => t.Deadline is not null)
                .Select(t => PlanModel.Parse(t.Deadline!).DayNumber - model.DateOf(es[model.Node(p.Id!, t.Id!)]).DayNumber))
            .ToList();
        Assert.Contains(slack, s => s < 0);
        Assert.Contains(slack, s => s is >= 0 and <= 5);
        Assert.True(slack.Count(s => s > 5) > slack.Count / 2);
    }

    [Fact]
    public void Networks_look_like_a_plan()
    {
        var document = GeneratedDocuments.Medium;
        var links = document.Projects!.SelectMany(p => p.Links!).ToList();
        var byType = links.GroupBy(l => l.Type!).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byType["FS"] > links.Count * 6 / 10);
        Assert.All(LinkTypes, type => Assert.True(byType.GetValueOrDefault(type) > 0, $"no {type} links"));
        Assert.Contains(links, l => l.Lag < 0);
        Assert.Contains(links, l => l.Lag > 0);
        Assert.Contains(document.CrossLinks!, l => l.Lag > 0);

        // Parallel branches: some task has more than one successor inside its project.
        Assert.Contains(document.Projects!, p => p.Links!.GroupBy(l => l.From).Any(g => g.Count() > 1));
        Assert.Contains(document.Projects!, p => p.Tasks!.Count(t => t.Duration == 0) == 2);

        // Starts spread over about a year.
        var starts = document.Projects!.Select(p => PlanModel.Parse(p.Start!)).ToList();
        Assert.InRange(starts.Max().DayNumber - starts.Min().DayNumber, 300, 800);
    }

    [Fact]
    public void Some_resources_are_over_allocated_and_some_are_not()
    {
        var document = GeneratedDocuments.Small;
        var model = new PlanModel(document);
        var es = model.EarlyStarts();
        var load = new Dictionary<string, Dictionary<int, decimal>>();
        foreach (var project in document.Projects!)
        {
            foreach (var task in project.Tasks!)
            {
                var start = es[model.Node(project.Id!, task.Id!)];
                foreach (var assignment in task.Assignments ?? [])
                {
                    var days = load.TryGetValue(assignment.ResourceId!, out var d) ? d : load[assignment.ResourceId!] = new();
                    for (var day = start; day < start + task.Duration!.Value; day++)
                        days[day] = days.GetValueOrDefault(day) + assignment.Units!.Value;
                }
            }
        }

        var capacity = document.Resources!.ToDictionary(r => r.Id!, r => r.Capacity!.Value);
        var over = load.Count(pair => pair.Value.Any(day => day.Key >= model.StatusDay && day.Value > capacity[pair.Key]));
        Assert.InRange(over, 1, document.Resources!.Count - 1);
    }

    [Fact]
    public void Progress_and_cost_tell_an_earned_value_story()
    {
        var document = GeneratedDocuments.Medium;
        var rates = document.Resources!.ToDictionary(r => r.Id!, r => r.CostRate!.Value);
        decimal Cost(TaskEntry t) => (t.FixedCost ?? 0) + (t.Assignments ?? []).Sum(a => a.Units!.Value * rates[a.ResourceId!] * t.Duration!.Value);

        var model = new PlanModel(document);
        var es = model.EarlyStarts();
        var progressed = document.Projects!
            .SelectMany(p => p.Tasks!.Select(t => (Project: p, Task: t)))
            .Where(x => x.Task.PercentComplete > 0)
            .ToList();
        Assert.NotEmpty(progressed);
        // Progress only where the plan has started by the status date.
        Assert.All(progressed, x => Assert.True(es[model.Node(x.Project.Id!, x.Task.Id!)] <= model.StatusDay));
        var earned = progressed.Where(x => x.Task.ActualCost > 0).Select(x => (Ev: Cost(x.Task) * x.Task.PercentComplete!.Value / 100, Ac: x.Task.ActualCost!.Value)).ToList();
        Assert.Contains(earned, x => x.Ac > x.Ev * 1.05m);
        Assert.Contains(earned, x => x.Ac < x.Ev);

        foreach (var project in document.Projects!)
        {
            var bac = project.Tasks!.Sum(Cost);
            Assert.InRange(project.Budget!.Value, bac - 50, bac * 1.2m + 50);
        }
    }

    [Fact]
    public void Portfolio_budgets_cover_their_projects_but_a_few_fall_short()
    {
        var document = GeneratedDocuments.Medium;
        var portfolios = document.Portfolios!.ToDictionary(p => p.Id!);
        var below = portfolios.Keys.ToDictionary(id => id, _ => 0m);
        foreach (var project in document.Projects!)
        {
            for (var at = portfolios[project.PortfolioId!]; ; at = portfolios[at.ParentId])
            {
                below[at.Id!] += project.Budget!.Value;
                if (at.ParentId is null) break;
            }
        }
        var ratios = document.Portfolios!.Where(p => below[p.Id!] > 0).Select(p => p.Budget!.Value / below[p.Id!]).ToList();
        Assert.All(ratios, r => Assert.InRange(r, 0.7m, 1.16m));
        Assert.Contains(ratios, r => r < 1m);
        Assert.True(ratios.Count(r => r >= 1m) > ratios.Count / 2);
        Assert.Equal("Enterprise", document.Portfolios![0].Name);
    }

    [Fact]
    public void A_slip_cascades_through_a_chain_of_projects()
    {
        var document = GeneratedDocuments.Small;
        var model = new PlanModel(document);
        var baseline = model.ProjectFinishes(model.EarlyStarts());

        // Slip every cross-link source in turn; the worst case must move many projects.
        var mostMoved = 0;
        foreach (var source in document.CrossLinks!.Select(l => model.Node(l.FromProject!, l.FromTask!)).Distinct())
        {
            var slip = new Dictionary<int, int> { [source] = 30 };
            var finishes = model.ProjectFinishes(model.EarlyStarts(slip), slip);
            mostMoved = Math.Max(mostMoved, finishes.Where((f, p) => f > baseline[p] && p != model.ProjectOf(source)).Count());
        }
        Assert.True(mostMoved >= 5, string.Create(CultureInfo.InvariantCulture, $"a 30-day slip moved at most {mostMoved} other projects"));
    }

    private static void AssertUnique<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        Assert.Equal(list.Count, list.Distinct().Count());
    }
}
