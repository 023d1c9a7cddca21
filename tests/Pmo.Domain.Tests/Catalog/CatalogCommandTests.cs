using static Pmo.Domain.Tests.Catalog.CatalogTestData;

namespace Pmo.Domain.Tests.Catalog;

public sealed class CatalogCommandTests
{
    [Fact]
    public void Adding_a_cross_link_records_it_with_defaults()
    {
        var catalog = Imported();

        Assert.Null(catalog.TryAddCrossLink(Cross("p-erp", "t1", "p-crm", "b"), out var link));

        Assert.Equal((new TaskKey("p-erp", "t1"), new TaskKey("p-crm", "b"), LinkType.FS, 0), (link!.From, link.To, link.Type, link.Lag));
        Assert.Equal(2, catalog.State.CrossLinks.Count);
        Assert.Equal(2, catalog.CrossLinksOf("p-crm").Count);
    }

    [Fact]
    public void Re_posting_a_cross_link_replaces_type_and_lag_and_omitted_ones_keep_their_values()
    {
        var catalog = Imported();

        Assert.Null(catalog.TryAddCrossLink(Cross("p-erp", "m1", "p-crm", "a", "ff", 7), out var replaced));
        Assert.Null(catalog.TryAddCrossLink(Cross("p-erp", "m1", "p-crm", "a", lag: 3), out var again));

        Assert.Equal((LinkType.FF, 7), (replaced!.Type, replaced.Lag));
        Assert.Equal((LinkType.FF, 3), (again!.Type, again.Lag));
        Assert.Equal(again, Assert.Single(catalog.State.CrossLinks));
    }

    [Fact]
    public void A_cross_link_that_would_close_a_cycle_is_a_conflict_naming_the_cycle()
    {
        var catalog = Imported();
        var before = Snapshot(catalog);

        var refusal = catalog.TryAddCrossLink(Cross("p-crm", "b", "p-erp", "t2"), out var link);

        Assert.Null(link);
        Assert.Equal(RefusalKind.Conflict, refusal!.Kind);
        Assert.Equal(["p-crm/b", "p-erp/t2", "p-erp/m1", "p-crm/a", "p-crm/b"], refusal.Cycle);
        Assert.Equal(before, Snapshot(catalog));
    }

    [Theory]
    [InlineData(null, "m1", "p-crm", "a", null, "fromProject")]
    [InlineData("p-nope", "m1", "p-crm", "a", null, "fromProject")]
    [InlineData("p-erp", null, "p-crm", "a", null, "fromTask")]
    [InlineData("p-erp", "zz", "p-crm", "a", null, "fromTask")]
    [InlineData("p-erp", "m1", "p-nope", "a", null, "toProject")]
    [InlineData("p-erp", "m1", "p-crm", "t1", null, "toTask")]
    [InlineData("p-erp", "t1", "p-erp", "t2", null, "toProject")]
    [InlineData("p-erp", "m1", "p-crm", "b", "XY", "type")]
    public void A_bad_cross_link_entry_names_the_field(string? fromProject, string? fromTask, string? toProject, string? toTask, string? type, string field)
    {
        var catalog = Imported();
        var before = Snapshot(catalog);

        var refusal = catalog.TryAddCrossLink(new() { FromProject = fromProject, FromTask = fromTask, ToProject = toProject, ToTask = toTask, Type = type }, out var link);

        Assert.Null(link);
        AssertNames(refusal, field);
        Assert.Equal(before, Snapshot(catalog));
    }

    [Fact]
    public void An_empty_cross_link_body_names_every_required_field()
    {
        var refusal = Imported().TryAddCrossLink(new(), out _);

        Assert.Equal(["fromProject", "fromTask", "toProject", "toTask"], refusal!.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Removing_a_cross_link_lets_the_reverse_link_in()
    {
        var catalog = Imported();

        Assert.Null(catalog.TryRemoveCrossLink(Cross("p-erp", "m1", "p-crm", "a"), out var removed));

        Assert.Equal(2, removed!.Lag);
        Assert.Empty(catalog.State.CrossLinks);
        Assert.Null(catalog.TryAddCrossLink(Cross("p-crm", "b", "p-erp", "t1"), out _));
    }

    [Fact]
    public void Removing_a_missing_cross_link_is_not_found_and_a_malformed_one_invalid()
    {
        var catalog = Imported();

        Assert.Equal(RefusalKind.NotFound, catalog.TryRemoveCrossLink(Cross("p-erp", "t1", "p-crm", "a"), out var removed)!.Kind);
        Assert.Null(removed);
        AssertNames(catalog.TryRemoveCrossLink(Cross("p-erp", "m1", "p-crm", ""), out _), "toTask");
        Assert.Single(catalog.State.CrossLinks);
    }

    [Fact]
    public void Moving_a_project_checks_the_target_portfolio()
    {
        var catalog = Imported();

        Assert.Equal(RefusalKind.NotFound, catalog.TryMoveProject("p-nope", "pf-root", out _)!.Kind);
        AssertNames(catalog.TryMoveProject("p-erp", null, out _), "portfolioId");
        AssertNames(catalog.TryMoveProject("p-erp", "pf-nope", out _), "portfolioId");
        Assert.Equal("pf-ops", catalog.State.Projects["p-erp"].PortfolioId);

        Assert.Null(catalog.TryMoveProject("p-erp", "pf-root", out var previous));
        Assert.Equal("pf-ops", previous);
        Assert.Equal("pf-root", catalog.State.Projects["p-erp"].PortfolioId);
    }

    [Fact]
    public void Putting_a_new_portfolio_needs_a_name_and_a_known_parent()
    {
        var catalog = Imported();
        var before = Snapshot(catalog);

        var refusal = catalog.TryPutPortfolio("pf-new", null, true, "pf-nope", -1, out var was, out var now);

        Assert.Null(was);
        Assert.Null(now);
        AssertNames(refusal, "name");
        AssertNames(refusal, "parentId");
        AssertNames(refusal, "budget");
        Assert.Equal(before, Snapshot(catalog));

        Assert.Null(catalog.TryPutPortfolio("pf-new", "New", true, "pf-ops", null, out was, out now));
        Assert.Null(was);
        Assert.Equal(("New", "pf-ops", 0m), (now!.Name, now.ParentId, now.Budget));
        Assert.Equal(["pf-new", "pf-ops", "pf-root"], catalog.PortfolioPath("pf-new"));
    }

    [Fact]
    public void Putting_an_existing_portfolio_keeps_omitted_values_and_a_given_null_parent_makes_a_root()
    {
        var catalog = Imported();

        Assert.Null(catalog.TryPutPortfolio("pf-ops", null, false, null, 5, out var was, out var now));
        Assert.Equal(("Operations", "pf-root", 1_200_000m), (was!.Name, was.ParentId, was.Budget));
        Assert.Equal(("Operations", "pf-root", 5m), (now!.Name, now.ParentId, now.Budget));

        Assert.Null(catalog.TryPutPortfolio("pf-ops", "Ops", true, null, null, out _, out now));
        Assert.Equal(("Ops", null as string, 5m), (now!.Name, now.ParentId, now.Budget));
        Assert.Equal(["pf-ops"], catalog.PortfolioPath("pf-ops"));
    }

    [Fact]
    public void Re_parenting_a_portfolio_under_its_own_descendant_is_a_conflict_naming_the_ring()
    {
        var catalog = Imported();
        Assert.Null(catalog.TryPutPortfolio("pf-leaf", "Leaf", true, "pf-ops", null, out _, out _));
        var before = Snapshot(catalog);

        var refusal = catalog.TryPutPortfolio("pf-root", null, true, "pf-leaf", null, out _, out var now);

        Assert.Null(now);
        Assert.Equal(RefusalKind.Conflict, refusal!.Kind);
        Assert.Equal(["pf-root", "pf-leaf", "pf-ops", "pf-root"], refusal.Path);
        Assert.Equal(before, Snapshot(catalog));
    }

    [Fact]
    public void A_portfolio_as_its_own_parent_is_a_ring_of_one()
    {
        var refusal = Imported().TryPutPortfolio("pf-ops", null, true, "pf-ops", null, out _, out _);

        Assert.Equal(RefusalKind.Conflict, refusal!.Kind);
        Assert.Equal(["pf-ops", "pf-ops"], refusal.Path);
    }

    [Fact]
    public void Deleting_a_portfolio_that_holds_projects_or_sub_portfolios_is_a_conflict()
    {
        var catalog = Imported();

        Assert.Equal(RefusalKind.NotFound, catalog.TryDeletePortfolio("pf-nope")!.Kind);
        Assert.Equal(RefusalKind.Conflict, catalog.TryDeletePortfolio("pf-ops")!.Kind); // holds p-erp
        Assert.Equal(RefusalKind.Conflict, catalog.TryDeletePortfolio("pf-root")!.Kind); // holds pf-ops and p-crm
        Assert.Equal(2, catalog.State.Portfolios.Count);

        Assert.Null(catalog.TryMoveProject("p-erp", "pf-root", out _));
        Assert.Null(catalog.TryDeletePortfolio("pf-ops"));
        Assert.False(catalog.State.Portfolios.ContainsKey("pf-ops"));
    }

    [Fact]
    public void Deleting_a_project_removes_its_cross_links_and_its_tasks()
    {
        var catalog = Imported();
        Assert.Equal(RefusalKind.NotFound, catalog.TryDeleteProject("p-nope", out _, out _)!.Kind);
        Assert.Null(catalog.TryDeleteProject("p-erp", out var removed, out var links));

        Assert.Equal("p-erp", removed!.Id);
        Assert.Equal(new TaskKey("p-erp", "m1"), Assert.Single(links).From);
        Assert.Empty(catalog.State.CrossLinks);
        Assert.False(catalog.HasProject("p-erp"));
        Assert.False(catalog.HasTask("p-erp", "t1"));
        Assert.Empty(catalog.CrossLinksOf("p-crm"));
        Assert.Equal(["p-crm"], catalog.ProjectsUsing("r-bo"));

        // Re-created under the same id, the project starts clean: the removed p-erp/m1 -> p-crm/a edge
        // would otherwise make this link a cycle.
        var document = Document();
        document.Projects!.RemoveAt(1);
        document.CrossLinks!.Clear();
        catalog.ApplyImport(catalog.ValidateImport(document, out var refusal)!);
        Assert.Null(refusal);
        Assert.Null(catalog.TryAddCrossLink(Cross("p-crm", "b", "p-erp", "t1"), out _));
    }

    [Fact]
    public void Moving_a_resource_needs_a_pool_name()
    {
        var catalog = Imported();

        Assert.Equal(RefusalKind.NotFound, catalog.TryMoveResource("r-nope", "Data")!.Kind);
        AssertNames(catalog.TryMoveResource("r-ana", " "), "pool");
        AssertNames(catalog.TryMoveResource("r-ana", null), "pool");
        Assert.Null(catalog.TryMoveResource("r-ana", "Platform"));
        Assert.Equal("Platform", catalog.State.Resources["r-ana"].Pool);
    }

    [Fact]
    public void Recording_an_assignment_checks_every_field()
    {
        var catalog = Imported();
        var before = Snapshot(catalog);

        Assert.Equal(RefusalKind.NotFound, catalog.TryRecordAssignment("p-nope", "a", "r-ana", 1)!.Kind);
        AssertNames(catalog.TryRecordAssignment("p-crm", "t1", "r-ana", 1), "taskId");
        AssertNames(catalog.TryRecordAssignment("p-crm", "a", "r-nope", 1), "resourceId");
        AssertNames(catalog.TryRecordAssignment("p-crm", "a", "r-ana", null), "units");
        AssertNames(catalog.TryRecordAssignment("p-crm", "a", "r-ana", -0.5m), "units");
        var all = catalog.TryRecordAssignment("p-crm", null, null, null);
        Assert.Equal(3, all!.Errors.Count);
        Assert.Equal(before, Snapshot(catalog));
    }

    [Fact]
    public void Recording_an_assignment_tracks_the_resources_a_project_uses()
    {
        var catalog = Imported();

        Assert.Null(catalog.TryRecordAssignment("p-crm", "a", "r-ana", 0.5m));
        Assert.Equal(["r-bo", "r-ana"], catalog.State.Projects["p-crm"].ResourceIds);
        Assert.Contains("p-crm", catalog.ProjectsUsing("r-ana"));

        // Zero units may leave other tasks on the resource; the project grain reports the truth afterwards.
        Assert.Null(catalog.TryRecordAssignment("p-crm", "a", "r-ana", 0));
        Assert.Equal(["r-bo", "r-ana"], catalog.State.Projects["p-crm"].ResourceIds);
        catalog.SetProjectResources("p-crm", ["r-bo"]);
        Assert.Equal(["p-erp"], catalog.ProjectsUsing("r-ana"));

        catalog.SetProjectResources("p-gone", ["r-bo"]);
        Assert.False(catalog.HasProject("p-gone"));
    }

    [Fact]
    public void Portfolio_path_is_empty_for_an_unknown_portfolio()
    {
        Assert.Empty(Imported().PortfolioPath("pf-nope"));
    }
}
