namespace Pmo.Host.Tests.Durability;

/// <summary>
/// Structural commands write a journal entry, not the whole catalog; on PostgreSQL the structure a
/// new host reads back after kill -9 must be exactly what was acknowledged, whether it sits in the
/// journal or (past the compaction point) in the catalog.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StructureJournalTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(12)]   // all in the journal
    [InlineData(300)]  // past EnterpriseGrain.CompactAfter (256): catalog written whole, then a journal again
    public async Task Structural_commands_acknowledged_before_kill_9_are_all_there_after_restart(int moves)
    {
        var cs = await postgres.CreateDatabaseAsync($"journal{moves}");
        string exported;
        var host = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        try
        {
            using var api = new PmoClient(host);
            await api.Import(Doc.Document(
                portfolios: [Doc.Portfolio("pf-a"), Doc.Portfolio("pf-b")],
                resources: [Doc.Resource("r-1"), Doc.Resource("r-2")],
                projects:
                [
                    Doc.Project("p-1", "pf-a", [Doc.Task("t1", 5), Doc.Task("t2", 3)], [Doc.Link("t1", "t2")]),
                    Doc.Project("p-2", "pf-a", [Doc.Task("t1", 4)]),
                    Doc.Project("p-3", "pf-b", [Doc.Task("t1", 2)]),
                ]));

            // Every kind of structural command, then a run of moves.
            await api.Command(HttpMethod.Put, "/api/portfolios/pf-c", new { name = "Change", parentId = "pf-a", budget = 500_000 });
            await api.Command(HttpMethod.Put, "/api/portfolios/pf-d", new { name = "Doomed", budget = 1 });
            await api.Command(HttpMethod.Delete, "/api/portfolios/pf-d");
            await api.Command(HttpMethod.Post, "/api/crosslinks", Doc.CrossLink("p-1", "t2", "p-2", "t1", lag: 2));
            await api.Command(HttpMethod.Post, "/api/crosslinks", Doc.CrossLink("p-2", "t1", "p-3", "t1"));
            await api.Command(HttpMethod.Delete, "/api/crosslinks", Doc.CrossLink("p-2", "t1", "p-3", "t1"));
            await api.Command(HttpMethod.Post, "/api/resources/r-2/move", new { pool = "Platform" });
            await api.Command(HttpMethod.Post, "/api/projects/p-1/assignments", new { taskId = "t1", resourceId = "r-1", units = 0.5 });
            await api.Command(HttpMethod.Delete, "/api/projects/p-3");
            for (var i = 0; i < moves; i++)
                await api.Accept(HttpMethod.Post, "/api/projects/p-2/move", new { portfolioId = i % 2 == 0 ? "pf-c" : "pf-b" });
            exported = await api.Export();
        }
        finally
        {
            await host.DisposeAsync(); // kill -9
        }

        await using var restarted = await HostProcess.StartAsync("--postgres", cs, "--no-demo");
        using var again = new PmoClient(restarted);
        Assert.Equal(exported, await again.Export());
        // And the catalog it read back still takes commands that depend on it.
        await again.RefusedWithoutChange(HttpMethod.Post, "/api/crosslinks", Doc.CrossLink("p-2", "t1", "p-1", "t1"), System.Net.HttpStatusCode.Conflict);
    }
}
