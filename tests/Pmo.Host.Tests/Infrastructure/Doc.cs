using System.Threading;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>
/// Builds small portfolio documents (CONTRACT.md "Portfolio document") as plain objects. Every test
/// prefixes its portfolio, resource and project ids with <see cref="Prefix"/> so that tests sharing a
/// host never touch each other's entities.
/// </summary>
public static class Doc
{
    private static int _counter;

    /// <summary>"tag-7-3f9a1c-": unique per call, short enough to read in failure messages.</summary>
    public static string Prefix(string tag) =>
        $"{tag}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}-";

    public static readonly object WorkWeek = new { workingDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri" }, holidays = Array.Empty<string>() };

    public static object Document(object[]? portfolios = null, object[]? resources = null, object[]? projects = null, object[]? crossLinks = null) =>
        new { portfolios, resources, projects, crossLinks };

    public static object Portfolio(string id, decimal budget = 10_000_000, string? parentId = null) =>
        new { id, name = $"Portfolio {id}", parentId, budget };

    public static object Resource(string id, decimal capacity = 1, decimal costRate = 100, string pool = "Data") =>
        new { id, name = $"Resource {id}", capacity, costRate, pool };

    public static object Project(string id, string portfolioId, object[] tasks, object[]? links = null, string start = "2027-01-04", decimal budget = 1_000_000, int priority = 500) =>
        new { id, name = $"Project {id}", portfolioId, priority, start, budget, tasks, links = links ?? [] };

    public static object Task(string id, int duration, decimal fixedCost = 0, object[]? assignments = null, string? deadline = null, decimal percentComplete = 0, decimal actualCost = 0) =>
        new { id, name = $"Task {id}", duration, fixedCost, assignments = assignments ?? [], percentComplete, actualCost, deadline };

    public static object Assign(string resourceId, decimal units) => new { resourceId, units };

    public static object Link(string from, string to, string type = "FS", int lag = 0) => new { from, to, type, lag };

    public static object CrossLink(string fromProject, string fromTask, string toProject, string toTask, string type = "FS", int lag = 0) =>
        new { fromProject, fromTask, toProject, toTask, type, lag };

    /// <summary>One portfolio holding one project of one 5-day task t1 starting Monday 2027-01-04.</summary>
    public static object Simple(string prefix, decimal fixedCost = 0, decimal budget = 1_000_000) =>
        Document(
            portfolios: [Portfolio(prefix + "pf")],
            projects: [Project(prefix + "p", prefix + "pf", [Task("t1", 5, fixedCost)], budget: budget)]);

    /// <summary>Portfolio {x}pf with project {x}a (one task t1 of <paramref name="a"/> days) and project {x}b (t1, <paramref name="b"/> days).</summary>
    public static object TwoProjects(string x, int a = 5, int b = 3, object[]? crossLinks = null) =>
        TwoProjects(x, [Task("t1", a)], [Task("t1", b)], crossLinks);

    /// <summary>Portfolio {x}pf with project {x}a of <paramref name="aTasks"/> and project {x}b of <paramref name="bTasks"/>.</summary>
    public static object TwoProjects(string x, object[] aTasks, object[] bTasks, object[]? crossLinks = null, object[]? resources = null) => Document(
        portfolios: [Portfolio(x + "pf")],
        resources: resources,
        projects: [Project(x + "a", x + "pf", aTasks), Project(x + "b", x + "pf", bTasks)],
        crossLinks: crossLinks);

    /// <summary>Portfolio {x}pf with project {x}a (t1, 5 days) linked FS to project {x}b (t1, 3 days).</summary>
    public static object TwoLinkedProjects(string x) => TwoProjects(x, crossLinks: [CrossLink(x + "a", "t1", x + "b", "t1")]);
}
