using System.Text.Json;
using static Pmo.Domain.Tests.Catalog.CatalogTestData;

namespace Pmo.Domain.Tests.Catalog;

public sealed class ImportApplyTests
{
    [Fact]
    public void Applying_a_plan_records_the_structure()
    {
        var catalog = Imported();
        var state = catalog.State;

        Assert.Equal(new DateOnly(2027, 2, 15), state.StatusDate);
        Assert.Equal(["pf-root", "pf-ops"], state.Portfolios.Keys);
        Assert.Equal("pf-root", state.Portfolios["pf-ops"].ParentId);
        Assert.Equal("Data", state.Resources["r-ana"].Pool);

        var erp = state.Projects["p-erp"];
        Assert.Equal("pf-ops", erp.PortfolioId);
        Assert.Equal(["t1", "t2", "m1"], erp.TaskIds);
        Assert.Equal([("t1", "t2"), ("t2", "m1")], erp.Links.Select(l => (l.From, l.To)));
        Assert.Equal(["r-ana", "r-bo"], erp.ResourceIds);

        var link = Assert.Single(state.CrossLinks);
        Assert.Equal((new TaskKey("p-erp", "m1"), new TaskKey("p-crm", "a"), LinkType.FS, 2), (link.From, link.To, link.Type, link.Lag));

        Assert.True(catalog.HasProject("p-crm"));
        Assert.True(catalog.HasTask("p-crm", "b"));
        Assert.False(catalog.HasTask("p-crm", "t1"));
        Assert.Equal(["p-erp", "p-crm"], catalog.ProjectsUsing("r-bo"));
        Assert.Equal(["p-erp"], catalog.ProjectsUsing("r-ana"));
        Assert.Equal(["pf-ops", "pf-root"], catalog.PortfolioPath("pf-ops"));
    }

    [Fact]
    public void Absent_calendar_and_status_date_keep_the_stored_ones()
    {
        var catalog = new EnterpriseCatalog(new CatalogState());
        var withCalendar = Document() with { Calendar = new CalendarDocument { WorkingDays = ["Mon", "Tue"], Holidays = ["2027-01-01"] } };
        catalog.ApplyImport(catalog.ValidateImport(withCalendar, out _)!);

        catalog.ApplyImport(catalog.ValidateImport(new PortfolioDocument(), out var refusal)!);

        Assert.Null(refusal);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday], catalog.State.Calendar.WorkingDays);
        Assert.Equal(new DateOnly(2027, 2, 15), catalog.State.StatusDate);
    }

    [Fact]
    public void Re_import_replaces_only_the_projects_it_names_and_keeps_everything_else()
    {
        var catalog = Imported();
        var crmBefore = catalog.State.Projects["p-crm"];
        var document = new PortfolioDocument
        {
            Projects =
            [
                new ProjectEntry
                {
                    Id = "p-erp", PortfolioId = "pf-root", Start = "2027-01-04",
                    Tasks = [new TaskEntry { Id = "m1", Duration = 0 }, new TaskEntry { Id = "t3", Duration = 2 }],
                    Links = [new LinkEntry { From = "t3", To = "m1" }],
                },
            ],
        };

        catalog.ApplyImport(catalog.ValidateImport(document, out var refusal)!);

        Assert.Null(refusal);
        var erp = catalog.State.Projects["p-erp"];
        Assert.Equal(["m1", "t3"], erp.TaskIds);
        Assert.Equal("pf-root", erp.PortfolioId);
        Assert.Empty(erp.ResourceIds);
        Assert.False(catalog.HasTask("p-erp", "t1"));
        Assert.Same(crmBefore, catalog.State.Projects["p-crm"]);
        Assert.Single(catalog.State.CrossLinks);
        Assert.Equal(2, catalog.State.Portfolios.Count);
        Assert.Equal(2, catalog.State.Resources.Count);
        // The graph follows the new version: the old t1 is gone, so linking to it is refused, and the new t3 is known.
        Assert.Equal(RefusalKind.Invalid, catalog.TryAddCrossLink(Cross("p-crm", "b", "p-erp", "t1"), out _)!.Kind);
        Assert.Null(catalog.TryAddCrossLink(Cross("p-erp", "t3", "p-crm", "b"), out _));
    }

    [Fact]
    public void Re_sending_a_cross_link_replaces_its_type_and_lag()
    {
        var catalog = Imported();

        var document = new PortfolioDocument { CrossLinks = [Cross("p-erp", "m1", "p-crm", "a", "SS", -1), Cross("p-erp", "t1", "p-crm", "b")] };
        catalog.ApplyImport(catalog.ValidateImport(document, out var refusal)!);

        Assert.Null(refusal);
        Assert.Equal(2, catalog.State.CrossLinks.Count);
        var replaced = catalog.State.CrossLinks[0];
        Assert.Equal((new TaskKey("p-erp", "m1"), LinkType.SS, -1), (replaced.From, replaced.Type, replaced.Lag));
        Assert.Equal(LinkType.FS, catalog.State.CrossLinks[1].Type);
    }

    [Fact]
    public void A_catalog_rebuilt_from_serialised_state_still_knows_the_graph()
    {
        var json = JsonSerializer.Serialize(Imported().State);
        var restored = new EnterpriseCatalog(JsonSerializer.Deserialize<CatalogState>(json)!);

        var refusal = restored.TryAddCrossLink(Cross("p-crm", "b", "p-erp", "t1"), out _);

        Assert.Equal(RefusalKind.Conflict, refusal!.Kind);
        Assert.Equal(["p-crm/b", "p-erp/t1", "p-erp/t2", "p-erp/m1", "p-crm/a", "p-crm/b"], refusal.Cycle);
        Assert.Equal(json, JsonSerializer.Serialize(restored.State));
    }

    [Fact]
    public void A_plan_applied_after_a_graph_change_still_leaves_a_graph_with_both()
    {
        var catalog = new EnterpriseCatalog(new CatalogState());
        var document = Document();
        document.CrossLinks!.Clear();
        catalog.ApplyImport(catalog.ValidateImport(document, out _)!);

        var plan = catalog.ValidateImport(new PortfolioDocument { CrossLinks = [Cross("p-erp", "m1", "p-crm", "a")] }, out var refusal);
        Assert.Null(refusal);
        Assert.Null(catalog.TryAddCrossLink(Cross("p-erp", "t1", "p-crm", "b"), out _));
        catalog.ApplyImport(plan!);

        Assert.Equal(2, catalog.State.CrossLinks.Count);
        Assert.Equal(["p-crm/b", "p-erp/t1", "p-crm/b"], catalog.TryAddCrossLink(Cross("p-crm", "b", "p-erp", "t1"), out _)!.Cycle);
        Assert.Equal(["p-crm/a", "p-erp/m1", "p-crm/a"], catalog.TryAddCrossLink(Cross("p-crm", "a", "p-erp", "m1"), out _)!.Cycle);
    }

    [Fact]
    public void A_plan_validated_by_another_catalog_over_the_same_state_applies_too()
    {
        var state = new CatalogState();
        var plan = new EnterpriseCatalog(state).ValidateImport(Document(), out _);
        var catalog = new EnterpriseCatalog(state);

        catalog.ApplyImport(plan!);

        Assert.Equal(RefusalKind.Conflict, catalog.TryAddCrossLink(Cross("p-crm", "b", "p-erp", "t1"), out _)!.Kind);
        Assert.Null(catalog.TryAddCrossLink(Cross("p-erp", "t1", "p-crm", "b"), out _));
    }
}
