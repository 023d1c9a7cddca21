using System.Text.Json;

namespace Pmo.Domain.Tests.Catalog;

/// <summary>A small valid enterprise and helpers to bend it into each kind of invalid document.</summary>
internal static class CatalogTestData
{
    /// <summary>
    /// pf-root > pf-ops; resources r-ana, r-bo; p-erp: t1 -> t2 -> m1; p-crm: a -> b;
    /// one cross link p-erp/m1 -> p-crm/a. Fresh lists every call so tests can edit them in place.
    /// </summary>
    public static PortfolioDocument Document() => new()
    {
        StatusDate = "2027-02-15",
        Portfolios =
        [
            new PortfolioEntry { Id = "pf-root", Name = "Enterprise", Budget = 2_000_000 },
            new PortfolioEntry { Id = "pf-ops", Name = "Operations", ParentId = "pf-root", Budget = 1_200_000 },
        ],
        Resources =
        [
            new ResourceEntry { Id = "r-ana", Name = "Ana Ruiz", Capacity = 1.0m, CostRate = 640, Pool = "Data" },
            new ResourceEntry { Id = "r-bo", Name = "Bo Lind", Capacity = 1.0m, CostRate = 500, Pool = "Platform" },
        ],
        Projects =
        [
            new ProjectEntry
            {
                Id = "p-erp", Name = "ERP upgrade", PortfolioId = "pf-ops", Priority = 700, Start = "2027-01-04", Budget = 250_000,
                Tasks =
                [
                    new TaskEntry { Id = "t1", Name = "Design", Duration = 10, FixedCost = 0, Assignments = [new AssignmentEntry { ResourceId = "r-ana", Units = 0.5m }] },
                    new TaskEntry { Id = "t2", Name = "Build", Duration = 5, Assignments = [new AssignmentEntry { ResourceId = "r-ana", Units = 1 }, new AssignmentEntry { ResourceId = "r-bo", Units = 1 }] },
                    new TaskEntry { Id = "m1", Name = "Go-live", Duration = 0, Deadline = "2027-06-30" },
                ],
                Links =
                [
                    new LinkEntry { From = "t1", To = "t2", Type = "FS", Lag = 0 },
                    new LinkEntry { From = "t2", To = "m1" },
                ],
            },
            new ProjectEntry
            {
                Id = "p-crm", Name = "CRM rollout", PortfolioId = "pf-root", Start = "2027-02-01",
                Tasks =
                [
                    new TaskEntry { Id = "a", Duration = 3 },
                    new TaskEntry { Id = "b", Duration = 4, Assignments = [new AssignmentEntry { ResourceId = "r-bo", Units = 0.5m }] },
                ],
                Links = [new LinkEntry { From = "a", To = "b" }],
            },
        ],
        CrossLinks =
        [
            new CrossLinkEntry { FromProject = "p-erp", FromTask = "m1", ToProject = "p-crm", ToTask = "a", Type = "FS", Lag = 2 },
        ],
    };

    /// <summary>A catalog holding <see cref="Document"/>.</summary>
    public static EnterpriseCatalog Imported()
    {
        var catalog = new EnterpriseCatalog(new CatalogState());
        var plan = catalog.ValidateImport(Document(), out var refusal);
        Assert.Null(refusal);
        catalog.ApplyImport(plan!);
        return catalog;
    }

    public static string Snapshot(EnterpriseCatalog catalog) => JsonSerializer.Serialize(catalog.State);

    public static void EditTask(PortfolioDocument document, int project, int task, Func<TaskEntry, TaskEntry> edit) =>
        document.Projects![project].Tasks![task] = edit(document.Projects[project].Tasks![task]);

    public static void EditProject(PortfolioDocument document, int project, Func<ProjectEntry, ProjectEntry> edit) =>
        document.Projects![project] = edit(document.Projects[project]);

    public static void EditLink(PortfolioDocument document, int project, int link, Func<LinkEntry, LinkEntry> edit) =>
        document.Projects![project].Links![link] = edit(document.Projects[project].Links![link]);

    public static void EditCrossLink(PortfolioDocument document, int index, Func<CrossLinkEntry, CrossLinkEntry> edit) =>
        document.CrossLinks![index] = edit(document.CrossLinks[index]);

    public static CrossLinkEntry Cross(string fromProject, string fromTask, string toProject, string toTask, string? type = null, int? lag = null) =>
        new() { FromProject = fromProject, FromTask = fromTask, ToProject = toProject, ToTask = toTask, Type = type, Lag = lag };

    /// <summary>Asserts an Invalid refusal that names <paramref name="path"/> and returns its messages.</summary>
    public static string[] AssertNames(Refusal? refusal, string path)
    {
        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.True(refusal.Errors.ContainsKey(path),
            $"expected an error on '{path}', got: {string.Join("; ", refusal.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
        return refusal.Errors[path];
    }
}
