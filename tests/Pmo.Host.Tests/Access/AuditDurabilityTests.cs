namespace Pmo.Host.Tests.Access;

/// <summary>In production mode the audit is a PostgreSQL table: what one host recorded, the next host reads.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditDurabilityTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_audit_survives_a_restart_on_PostgreSQL()
    {
        var cs = await postgres.CreateDatabaseAsync("audit");
        string[] arguments = ["--postgres", cs, "--no-demo", .. Tokens.HostArguments];
        List<System.Text.Json.JsonElement> before;
        string changeId;
        await using (var host = await HostProcess.StartAsync(arguments))
        {
            using var pmo = new PmoClient(host, Tokens.Pmo());
            using var viewer = new PmoClient(host, Tokens.Viewer("vic", "pf-audit"));
            using var anonymous = new PmoClient(host);
            changeId = (await pmo.Command(HttpMethod.Put, "/api/portfolios/pf-audit", new { name = "Audited" })).ChangeId;
            (await viewer.Send(HttpMethod.Put, "/api/portfolios/pf-audit", new { budget = 1 })).Dispose();
            (await anonymous.Send(HttpMethod.Delete, "/api/portfolios/pf-audit")).Dispose();
            before = (await pmo.Get("/api/audit")).Arr("items");
            Assert.Equal(3, before.Count);
        }

        await using (var host = await HostProcess.StartAsync(arguments))
        {
            using var pmo = new PmoClient(host, Tokens.Pmo());
            var after = (await pmo.Get("/api/audit")).Arr("items");
            Assert.Equal(before.Select(e => e.GetRawText()), after.Select(e => e.GetRawText()));
            AuditTests.Expect(after, "boss", "putPortfolio", "portfolio:pf-audit", 202, changeId);
            AuditTests.Expect(after, "vic", "putPortfolio", "portfolio:pf-audit", 403, null);
            AuditTests.Expect(after, null, "deletePortfolio", "portfolio:pf-audit", 401, null);

            // New entries follow on from the old ones.
            (await pmo.Send(HttpMethod.Delete, "/api/portfolios/pf-audit")).Dispose();
            var page = await pmo.Get($"/api/audit?after={after[^1].Long("seq")}");
            Assert.Equal(after[^1].Long("seq") + 1, page.Arr("items").Single().Long("seq"));
            Assert.Equal(page.Long("lastSeq"), page.Arr("items").Single().Long("seq"));
        }
    }
}
