using Pmo.Contracts.Commands;

namespace Pmo.Grains.Tests;

/// <summary>
/// Structural commands share the enterprise journal's commits: while one journal write is on its way,
/// the commands that arrive are checked, applied and queued, and go together in the next write; each
/// project still hears its own moves in the order the catalog took them.
/// </summary>
public sealed class StructureGroupCommitTests : HeldStorageClusterTests<StructureGroupCommitTests>
{
    [Fact]
    public async Task Moves_that_arrive_while_a_journal_write_is_held_go_together_in_the_next_write_and_each_project_ends_where_the_catalog_says()
    {
        var driver = new Driver(Cluster.GrainFactory);
        var doc = new Documents("reorg").Portfolio("a").Portfolio("b");
        string[] projects = ["p1", "p2", "p3", "p4", "p5"];
        foreach (var p in projects) doc.Project(p, "a", [("t", 5)]);
        await driver.Import(doc.Build());
        var journalWrites = Storage.Writes(IEnterpriseGrain.Key, "enterprise-journal");

        Storage.Hold(IEnterpriseGrain.Key, flushesOnly: false);
        var first = Move(driver, doc.Id("p1"), doc.Id("b"));
        await Storage.Held.WaitAsync(Deadline);
        // Behind the held write: the other projects to b, and p1 back to a (its lane keeps the two in order).
        var behind = projects[1..].Select(p => Move(driver, doc.Id(p), doc.Id("b"))).Append(Move(driver, doc.Id("p1"), doc.Id("a"))).ToList();

        // Each is checked and applied while the write is held: the catalog already places them.
        var expected = projects.ToDictionary(doc.Id, p => doc.Id(p == "p1" ? "a" : "b"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await driver.Enterprise.Place([.. expected.Keys])).ProjectPortfolios.OrderBy(x => x.Key).SequenceEqual(expected.OrderBy(x => x.Key)))
        {
            Assert.True(clock.Elapsed < Deadline, "the moves behind the held write were not taken meanwhile");
            await Task.Delay(10);
        }
        Assert.False(first.IsCompleted || behind.Any(m => m.IsCompleted), "a move was answered before its journal entry was stored");

        Storage.Release();
        await Task.WhenAll([first, .. behind]).WaitAsync(Deadline);

        Assert.Equal(journalWrites + 2, Storage.Writes(IEnterpriseGrain.Key, "enterprise-journal"));
        foreach (var (project, portfolio) in expected) Assert.Equal(portfolio, (await driver.View(project)).PortfolioId);
        Assert.Equal(1, (await Cluster.GrainFactory.GetGrain<IPortfolioGrain>(doc.Id("a")).GetView())!.ProjectCount);
        Assert.Equal(4, (await Cluster.GrainFactory.GetGrain<IPortfolioGrain>(doc.Id("b")).GetView())!.ProjectCount);
        Assert.Empty(Storage.Conflicts);
    }

    private static Task<ChangeStatus> Move(Driver driver, string projectId, string portfolioId) =>
        driver.Run(r => driver.Enterprise.MoveProject(r, new MoveProject { ProjectId = projectId, PortfolioId = portfolioId }));
}
