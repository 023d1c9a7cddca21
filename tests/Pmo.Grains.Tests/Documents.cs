using Pmo.Domain.Documents;

namespace Pmo.Grains.Tests;

/// <summary>Builds small portfolio documents for grain tests; every id is prefixed so tests sharing a cluster never collide.</summary>
public sealed class Documents(string prefix)
{
    public const string Start = "2027-01-04";
    public const string StatusDate = "2027-01-04";

    private readonly List<PortfolioEntry> _portfolios = [];
    private readonly List<ResourceEntry> _resources = [];
    private readonly List<ProjectEntry> _projects = [];
    private readonly List<CrossLinkEntry> _links = [];

    public string Id(string name) => $"{prefix}-{name}";

    public Documents Portfolio(string name, string? parent = null, decimal budget = 1_000_000_000m)
    {
        _portfolios.Add(new PortfolioEntry { Id = Id(name), Name = name, ParentId = parent is null ? null : Id(parent), Budget = budget });
        return this;
    }

    public Documents Resource(string name, decimal capacity = 1m, decimal costRate = 100m)
    {
        _resources.Add(new ResourceEntry { Id = Id(name), Name = name, Capacity = capacity, CostRate = costRate, Pool = "Test" });
        return this;
    }

    /// <summary>A project whose tasks run one after another (FS) unless <paramref name="links"/> says otherwise.</summary>
    public Documents Project(string name, string portfolio, (string Id, int Duration)[] tasks, (string From, string To)[]? links = null,
        (string Task, string Resource, decimal Units)[]? assignments = null, decimal budget = 1_000_000_000m, string start = Start)
    {
        links ??= [.. tasks.Zip(tasks.Skip(1), (a, b) => (a.Id, b.Id))];
        _projects.Add(new ProjectEntry
        {
            Id = Id(name), Name = name, PortfolioId = Id(portfolio), Start = start, Budget = budget, Priority = 500,
            Tasks = [.. tasks.Select(t => new TaskEntry
            {
                Id = t.Id, Name = t.Id, Duration = t.Duration, FixedCost = 1000,
                Assignments = [.. (assignments ?? []).Where(a => a.Task == t.Id)
                    .Select(a => new AssignmentEntry { ResourceId = Id(a.Resource), Units = a.Units })],
            })],
            Links = [.. links.Select(l => new LinkEntry { From = l.From, To = l.To, Type = "FS", Lag = 0 })],
        });
        return this;
    }

    public Documents Link(string fromProject, string fromTask, string toProject, string toTask, string type = "FS", int lag = 0)
    {
        _links.Add(CrossLink(fromProject, fromTask, toProject, toTask, type, lag));
        return this;
    }

    public CrossLinkEntry CrossLink(string fromProject, string fromTask, string toProject, string toTask, string type = "FS", int lag = 0) =>
        new() { FromProject = Id(fromProject), FromTask = fromTask, ToProject = Id(toProject), ToTask = toTask, Type = type, Lag = lag };

    public PortfolioDocument Build() => new()
    {
        StatusDate = StatusDate,
        Portfolios = [.. _portfolios],
        Resources = [.. _resources],
        Projects = [.. _projects],
        CrossLinks = [.. _links],
    };
}
