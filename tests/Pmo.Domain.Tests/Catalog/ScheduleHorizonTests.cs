namespace Pmo.Domain.Tests.Catalog;

public sealed class ScheduleHorizonTests
{
    private static PortfolioDocument Document(string start, params int[] durations) => new()
    {
        Portfolios = [new PortfolioEntry { Id = "pf", Name = "pf" }],
        Projects =
        [
            new ProjectEntry
            {
                Id = "p", PortfolioId = "pf", Start = start,
                Tasks = [.. durations.Select((d, i) => new TaskEntry { Id = $"t{i}", Duration = d })],
                Links = [.. durations.Skip(1).Select((_, i) => new LinkEntry { From = $"t{i}", To = $"t{i + 1}" })],
            },
        ],
    };

    [Fact]
    public void A_project_whose_own_schedule_runs_past_the_horizon_is_refused_naming_its_tasks()
    {
        var catalog = new EnterpriseCatalog(new CatalogState());
        var plan = catalog.ValidateImport(Document("2027-01-04", [.. Enumerable.Repeat(100_000, 10)]), out var refusal);
        Assert.Null(plan);
        Assert.Contains("projects[0].tasks", refusal!.Errors.Keys);
        Assert.Empty(catalog.State.Projects);
    }

    [Fact]
    public void A_start_beyond_the_latest_start_is_refused_naming_the_start()
    {
        var catalog = new EnterpriseCatalog(new CatalogState());
        Assert.Null(catalog.ValidateImport(Document("9999-12-01", 300), out var refusal));
        Assert.Contains("projects[0].start", refusal!.Errors.Keys);
    }

    [Fact]
    public void An_ordinary_project_is_within_the_horizon()
    {
        var catalog = new EnterpriseCatalog(new CatalogState());
        Assert.NotNull(catalog.ValidateImport(Document("2027-01-04", 10, 20, 30), out var refusal));
        Assert.Null(refusal);
    }
}
