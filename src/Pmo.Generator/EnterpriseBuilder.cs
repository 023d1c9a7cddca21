using System.Globalization;
using Bogus;
using Pmo.Domain.Documents;

namespace Pmo.Generator;

/// <summary>
/// One generation run. Every random draw comes from one local <see cref="Randomizer"/> in a fixed
/// order, so the same options give the same document (and, serialised, the same bytes).
/// </summary>
internal sealed partial class EnterpriseBuilder
{
    /// <summary>Project starts spread over about a year of working days.</summary>
    private const int StartSpread = 250;
    private const int StatusOffsetDays = 60;
    private const int HotExpertPercent = 10;
    private const int HotExpertDemand = 3;

    private static readonly DayOfWeek[] WorkWeek =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    private static readonly string[] WorkWeekNames = ["Mon", "Tue", "Wed", "Thu", "Fri"];
    private static readonly int[] BenchSizes = [4, 6, 8, 12, 20];

    private readonly int _projects;
    private readonly DateOnly _startDate;
    private readonly Randomizer _rng;
    private readonly Faker _faker;
    private readonly List<DateOnly> _holidays;
    private readonly WorkingDays _days;
    private readonly DateOnly _statusDate;
    private readonly int _statusDay;

    private string[] _resourceIds = [];
    private decimal[] _resourceRates = [];
    private int[] _resourceCumulativeWeight = [];
    private bool[] _hotExpert = [];
    private ResourceBook _book = new([]);

    private string[] _portfolioIds = [];
    private string[] _portfolioNames = [];
    private int[] _portfolioParent = [];
    private decimal[] _portfolioProjectBudgets = [];
    private decimal[] _portfolioProjectCosts = [];
    private int[] _leaves = [];
    private int[] _leafCumulativeWeight = [];

    public EnterpriseBuilder(GeneratorOptions options)
    {
        _projects = options.Projects;
        _startDate = options.StartDate;
        _rng = new Randomizer(options.Seed);
        // Local randomizer, never the global Randomizer.Seed: concurrent generators (tests, the
        // host's demo data) must not disturb each other's sequence.
        _faker = new Faker("en") { Random = _rng };
        _holidays = Holidays(_startDate);
        _days = new WorkingDays(_startDate, WorkWeek, _holidays);

        // A status date on a working day, as a PMO's weekly reporting cut-off would be.
        var status = _startDate.AddDays(StatusOffsetDays);
        while (!_days.IsWorkingDay(status)) status = status.AddDays(-1);
        _statusDate = status;
        _statusDay = _days.NumberOnOrAfter(status);
        _anchors = new ProjectAnchor[_projects];
        _projectIdFormat = IdFormat(_projects, 5);
    }

    public PortfolioDocument Build()
    {
        var resources = BuildResources();
        PlanPortfolios();
        var starts = PlanStarts();
        var (chainPredecessor, inChain, chainLinks) = PlanChains();
        _randomLinkTarget = Math.Max(0, _projects - chainLinks);

        var projects = new List<ProjectEntry>(_projects);
        var crossLinks = new List<CrossLinkEntry>(_projects + 16);
        for (var j = 0; j < _projects; j++)
            projects.Add(BuildProject(j, starts[j], chainPredecessor[j], inChain[j], crossLinks));

        return new PortfolioDocument
        {
            Calendar = new CalendarDocument
            {
                WorkingDays = [.. WorkWeekNames],
                Holidays = _holidays.Select(WorkingDays.Format).ToList(),
            },
            StatusDate = WorkingDays.Format(_statusDate),
            Portfolios = BuildPortfolios(),
            Resources = resources,
            Projects = projects,
            CrossLinks = crossLinks,
        };
    }

    /// <summary>New Year's Day, Good Friday and Christmas Day on weekdays, over the years a plan can reach.</summary>
    private static List<DateOnly> Holidays(DateOnly start)
    {
        var holidays = new List<DateOnly>();
        for (var year = start.Year; year <= start.Year + 3; year++)
        {
            foreach (var day in (DateOnly[])[new(year, 1, 1), EasterSunday(year).AddDays(-2), new(year, 12, 25)])
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) holidays.Add(day);
        }
        holidays.Sort();
        return holidays;
    }

    /// <summary>Gregorian Easter (the anonymous "Meeus/Jones/Butcher" computus).</summary>
    private static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private List<ResourceEntry> BuildResources()
    {
        var count = Math.Max(5, RoundDiv(_projects, 2));
        var format = IdFormat(count, 4);
        var poolTotal = Vocabulary.Pools.Sum(p => p.Weight);
        var entries = new List<ResourceEntry>(count);
        _resourceIds = new string[count];
        _resourceRates = new decimal[count];
        _resourceCumulativeWeight = new int[count];
        _hotExpert = new bool[count];
        var capacityHundredths = new int[count];
        var cumulative = 0;

        for (var i = 0; i < count; i++)
        {
            var pool = PickPool(poolTotal);
            // About one resource in forty is a contractor bench; a small enterprise still gets one.
            var bench = i % 40 == 39 || (count < 40 && i == count - 1);
            string name;
            decimal capacity, rate;
            if (bench)
            {
                var size = BenchSizes[_rng.Number(0, BenchSizes.Length - 1)];
                name = string.Create(CultureInfo.InvariantCulture, $"{pool} contractor pool ({size})");
                capacity = size;
                rate = _rng.Number(30, 70) * 10;
            }
            else
            {
                name = _faker.Name.FullName();
                var r = _rng.Number(1, 100);
                capacity = r <= 85 ? 1m : r <= 95 ? 0.8m : 0.5m;
                rate = _rng.Number(30, 120) * 10;
            }

            var id = "r-" + (i + 1).ToString(format, CultureInfo.InvariantCulture);
            _resourceIds[i] = id;
            _resourceRates[i] = rate;
            // Work lands on resources in proportion to capacity, so a bench of 12 is busy but not swamped;
            // a few sought-after experts are asked for several times as often, and booked whether free or not.
            var weight = (int)(capacity * 10);
            _hotExpert[i] = !bench && Chance(HotExpertPercent);
            cumulative += _hotExpert[i] ? weight * HotExpertDemand : weight;
            capacityHundredths[i] = (int)(capacity * 100);
            _resourceCumulativeWeight[i] = cumulative;
            entries.Add(new ResourceEntry { Id = id, Name = name, Capacity = capacity, CostRate = rate, Pool = pool });
        }
        _book = new ResourceBook(capacityHundredths);
        return entries;
    }

    private string PickPool(int total)
    {
        var r = _rng.Number(0, total - 1);
        foreach (var (pool, weight) in Vocabulary.Pools)
        {
            if (r < weight) return pool;
            r -= weight;
        }
        return Vocabulary.Pools[^1].Pool;
    }

    /// <summary>Root "Enterprise", divisions under it, programmes under divisions; projects go to the leaves.</summary>
    private void PlanPortfolios()
    {
        var count = Math.Max(3, RoundDiv(_projects, 50));
        var divisions = Math.Clamp((int)Math.Round(Math.Sqrt(count - 1)), 2, count - 1);
        var format = IdFormat(count, 3);
        _portfolioIds = new string[count];
        _portfolioNames = new string[count];
        _portfolioParent = new int[count];
        _portfolioProjectBudgets = new decimal[count];
        _portfolioProjectCosts = new decimal[count];
        for (var p = 0; p < count; p++) _portfolioIds[p] = "pf-" + (p + 1).ToString(format, CultureInfo.InvariantCulture);

        _portfolioNames[0] = "Enterprise";
        _portfolioParent[0] = -1;
        var units = Vocabulary.BusinessUnits;
        for (var d = 1; d <= divisions; d++)
        {
            var unit = units[(d - 1) % units.Length];
            var round = (d - 1) / units.Length;
            _portfolioNames[d] = round == 0 ? unit
                : round <= Vocabulary.Regions.Length ? $"{unit} {Vocabulary.Regions[round - 1]}"
                : string.Create(CultureInfo.InvariantCulture, $"{unit} {round}");
            _portfolioParent[d] = 0;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var hasChild = new bool[count];
        hasChild[0] = true;
        for (var p = divisions + 1; p < count; p++)
        {
            var parent = _rng.Number(1, divisions);
            var name = $"{_portfolioNames[parent]} {Pick(Vocabulary.ProgrammeThemes)}";
            seen[name] = seen.TryGetValue(name, out var n) ? n + 1 : 1;
            _portfolioNames[p] = seen[name] == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name} {seen[name]}");
            _portfolioParent[p] = parent;
            hasChild[parent] = true;
        }

        var leaves = new List<int>();
        for (var p = 0; p < count; p++)
            if (!hasChild[p]) leaves.Add(p);
        _leaves = leaves.ToArray();
        // Uneven programme sizes, as in a real enterprise.
        _leafCumulativeWeight = new int[_leaves.Length];
        var cumulative = 0;
        for (var i = 0; i < _leaves.Length; i++)
        {
            cumulative += _rng.Number(1, 4);
            _leafCumulativeWeight[i] = cumulative;
        }
    }

    private List<PortfolioEntry> BuildPortfolios()
    {
        var count = _portfolioIds.Length;
        var budgets = (decimal[])_portfolioProjectBudgets.Clone();
        var costs = (decimal[])_portfolioProjectCosts.Clone();
        // Parents come before their children, so one backward sweep sums every subtree.
        for (var p = count - 1; p > 0; p--)
        {
            budgets[_portfolioParent[p]] += budgets[p];
            costs[_portfolioParent[p]] += costs[p];
        }

        // At least one portfolio is funded below the plan it holds, so BudgetOverrun alerts exist from the start.
        var forcedShort = _rng.Number(1, count - 1);
        var entries = new List<PortfolioEntry>(count);
        for (var p = 0; p < count; p++)
        {
            var isShort = p != 0 && (p == forcedShort || Chance(8));
            var budget = isShort
                ? costs[p] * _rng.Number(90, 98) / 100m
                : budgets[p] * _rng.Number(100, 115) / 100m;
            entries.Add(new PortfolioEntry
            {
                Id = _portfolioIds[p],
                Name = _portfolioNames[p],
                ParentId = p == 0 ? null : _portfolioIds[_portfolioParent[p]],
                Budget = RoundTo(budget, 1000m),
            });
        }
        return entries;
    }

    /// <summary>Start days in ascending order, so that project order is roughly chronological.</summary>
    private int[] PlanStarts()
    {
        var starts = new int[_projects];
        for (var j = 0; j < _projects; j++) starts[j] = _rng.Number(0, StartSpread);
        Array.Sort(starts);
        return starts;
    }

    /// <summary>
    /// Chains of projects, each waiting on its predecessor's design sign-off: a slip early in a chain
    /// cascades through all of it. About a quarter of the cross links; always from a lower project
    /// index to a higher one, so chains can never close a cycle.
    /// </summary>
    private (int[] Predecessor, bool[] InChain, int Links) PlanChains()
    {
        var predecessor = new int[_projects];
        Array.Fill(predecessor, -1);
        var inChain = new bool[_projects];
        var budget = _projects / 4;
        var maxLength = Math.Clamp(_projects / 8, 3, 12);
        var step = Math.Max(2, _projects / 200);
        var headLimit = Math.Max(0, _projects * 2 / 3 - 1);
        var links = 0;

        for (var guard = 0; links < budget && guard < _projects; guard++)
        {
            var head = _rng.Number(0, headLimit);
            while (head < _projects && inChain[head]) head++;
            if (head >= _projects) continue;
            var length = _rng.Number(3, maxLength);
            inChain[head] = true;
            var current = head;
            for (var members = 1; members < length && links < budget; members++)
            {
                var next = current + _rng.Number(1, step);
                while (next < _projects && inChain[next]) next++;
                if (next >= _projects) break;
                predecessor[next] = current;
                inChain[next] = true;
                current = next;
                links++;
            }
        }
        return (predecessor, inChain, links);
    }

    private int PickLeaf() => _leaves[PickWeighted(_leafCumulativeWeight)];

    private int PickResource() => PickWeighted(_resourceCumulativeWeight);

    private int PickWeighted(int[] cumulative)
    {
        var r = _rng.Number(0, cumulative[^1] - 1);
        // The first index whose cumulative weight exceeds r.
        var index = Array.BinarySearch(cumulative, r + 1);
        return index >= 0 ? index : ~index;
    }

    private bool Chance(int percent) => _rng.Number(1, 100) <= percent;

    private T Pick<T>(T[] items) => items[_rng.Number(0, items.Length - 1)];

    private static int RoundDiv(int value, int divisor) => (value + divisor / 2) / divisor;

    private static decimal RoundTo(decimal value, decimal unit) =>
        decimal.Round(value / unit, 0, MidpointRounding.AwayFromZero) * unit;

    /// <summary>Zero-padded ids of one width per document, wide enough for the largest.</summary>
    private static string IdFormat(int count, int minimumWidth) =>
        "D" + Math.Max(minimumWidth, count.ToString(CultureInfo.InvariantCulture).Length).ToString(CultureInfo.InvariantCulture);
}
