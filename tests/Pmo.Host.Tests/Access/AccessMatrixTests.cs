using Microsoft.AspNetCore.Routing;
using Pmo.Host.Access;

namespace Pmo.Host.Tests.Access;

/// <summary>
/// Every endpoint with an access rule (read from the host's own endpoint list) × pmo, portfolio-manager and
/// viewer × inside and outside their scope, with the answer each should get derived from the rule, not
/// written out per endpoint: scope first (404 for a path outside, the unknown-id 400 for a body outside),
/// then the role (403), otherwise success.
/// </summary>
[Collection(SecuredHostCollection.Name)]
public sealed class AccessMatrixTests(SecuredHostFixture fixture, ITestOutputHelper output)
{
    private enum Role { Pmo, Manager, Viewer }

    [Fact]
    public async Task Every_endpoint_answers_each_role_inside_and_outside_its_scope_as_the_rules_say()
    {
        var endpoints = EndpointCoverageTests.MappedEndpoints()
            .Where(e => e.Metadata.GetMetadata<AccessRule>() is not null)
            .ToList();
        Assert.True(endpoints.Count >= 18, $"only {endpoints.Count} endpoints have access rules");
        var mismatches = new List<string>();
        var cases = 0;
        foreach (var endpoint in endpoints)
        foreach (var role in Enum.GetValues<Role>())
        foreach (var inside in new[] { true, false })
        {
            var rule = endpoint.Metadata.GetMetadata<AccessRule>()!;
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            var world = await AccessWorld.Create(fixture.Pmo, "m");
            var (path, body) = await Request(endpoint, rule, world, inside);
            var expected = Expected(rule, role, inside);
            using var client = fixture.As(role switch { Role.Pmo => Tokens.Pmo(), Role.Manager => world.Manager, _ => world.Viewer });
            using var response = await client.Send(new HttpMethod(method), path, body);
            var status = (int)response.StatusCode;
            var ok = expected == 200 ? status is >= 200 and < 300 : status == expected;
            cases++;
            if (!ok) mismatches.Add($"{method} {path} as {role} ({(inside ? "inside" : "outside")}): {status}, expected {expected}: {await response.Content.ReadAsStringAsync()}");
        }
        output.WriteLine($"{cases} cases over {endpoints.Count} endpoints");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    private static int Expected(AccessRule rule, Role role, bool inside)
    {
        if (role == Role.Pmo) return 200;
        if (rule.Right == Right.Pmo) return 403;
        var scoped = rule.Target is Target.Project or Target.Task or Target.Portfolio or Target.PortfolioOrNew or Target.Change or Target.CrossLinks;
        if (!inside && scoped) return rule.Target == Target.CrossLinks ? 400 : 404;
        if (rule.Right == Right.Command && role == Role.Viewer) return 403;
        return 200;
    }

    private async Task<(string Path, object? Body)> Request(RouteEndpoint endpoint, AccessRule rule, AccessWorld w, bool inside)
    {
        var pattern = endpoint.RoutePattern.RawText!;
        var id = rule.Target switch
        {
            Target.Project or Target.Task => inside ? w.InProject : w.OutProject,
            Target.Portfolio or Target.PortfolioOrNew => inside ? w.InEmpty : w.OutEmpty,
            _ => w.Resource,
        };
        var path = pattern.Replace("{id}", id, StringComparison.Ordinal).Replace("{taskId}", "t1", StringComparison.Ordinal);
        if (pattern.Contains("{changeId}", StringComparison.Ordinal))
        {
            var project = inside ? w.InProject : w.OutProject;
            var change = await fixture.Pmo.Command(HttpMethod.Post, $"/api/projects/{project}/tasks/t1/slip", new { days = 1 });
            path = path.Replace("{changeId}", change.ChangeId, StringComparison.Ordinal);
        }
        var other = inside ? w.InProject2 : w.OutProject;
        object? body = rule.Action switch
        {
            null or "baseline" or "deleteProject" or "deletePortfolio" => null,
            "slip" => new { days = 1 },
            "progress" => new { percentComplete = 10 },
            "budget" => new { budget = 5000 },
            "assign" => new { taskId = "t2", resourceId = w.Resource, units = 0.5 },
            "moveProject" => new { portfolioId = w.InEmpty },
            "putPortfolio" => new { name = "Renamed" },
            "addCrossLink" => new { fromProject = w.InProject, fromTask = "t1", toProject = other, toTask = "t2" },
            "removeCrossLink" => new { fromProject = w.InProject, fromTask = "t2", toProject = other, toTask = "t1" },
            "import" => Doc.Document(portfolios: [Doc.Portfolio(w.X + "new")]),
            "moveResource" => new { pool = "Platform" },
            var action => throw new Xunit.Sdk.XunitException($"No sample body for the command '{action}': add one so that the matrix covers it."),
        };
        return (path, body);
    }
}
