using static Pmo.Domain.Tests.Catalog.CatalogTestData;

namespace Pmo.Domain.Tests.Catalog;

public sealed class ImportValidationTests
{
    // Each rule: how to break the valid document, and the one field path the refusal must name.
    private static readonly Dictionary<string, (Func<PortfolioDocument, PortfolioDocument> Break, string Path)> Rules = new()
    {
        ["portfolio id missing"] = (E(d => d.Portfolios![0] = d.Portfolios[0] with { Id = null }), "portfolios[0].id"),
        ["portfolio id blank"] = (E(d => d.Portfolios![1] = d.Portfolios[1] with { Id = "  " }), "portfolios[1].id"),
        ["portfolio id duplicate"] = (E(d => d.Portfolios!.Add(new PortfolioEntry { Id = "pf-ops" })), "portfolios[2].id"),
        ["portfolio budget negative"] = (E(d => d.Portfolios![0] = d.Portfolios[0] with { Budget = -1 }), "portfolios[0].budget"),
        ["portfolio parent unknown"] = (E(d => d.Portfolios![1] = d.Portfolios[1] with { ParentId = "pf-nowhere" }), "portfolios[1].parentId"),
        ["portfolio entry null"] = (E(d => d.Portfolios!.Add(null!)), "portfolios[2]"),
        ["resource id missing"] = (E(d => d.Resources![0] = d.Resources[0] with { Id = null }), "resources[0].id"),
        ["resource id duplicate"] = (E(d => d.Resources!.Add(new ResourceEntry { Id = "r-ana" })), "resources[2].id"),
        ["resource capacity negative"] = (E(d => d.Resources![0] = d.Resources[0] with { Capacity = -0.5m }), "resources[0].capacity"),
        ["resource cost rate negative"] = (E(d => d.Resources![1] = d.Resources[1] with { CostRate = -1 }), "resources[1].costRate"),
        ["resource pool blank"] = (E(d => d.Resources![0] = d.Resources[0] with { Pool = " " }), "resources[0].pool"),
        ["project id missing"] = (E(d => EditProject(d, 1, p => p with { Id = "" })), "projects[1].id"),
        ["project id duplicate"] = (E(d => d.Projects!.Add(d.Projects[0] with { })), "projects[2].id"),
        ["project entry null"] = (E(d => d.Projects!.Add(null!)), "projects[2]"),
        ["project portfolio missing"] = (E(d => EditProject(d, 0, p => p with { PortfolioId = null })), "projects[0].portfolioId"),
        ["project portfolio unknown"] = (E(d => EditProject(d, 0, p => p with { PortfolioId = "pf-x" })), "projects[0].portfolioId"),
        ["project start missing"] = (E(d => EditProject(d, 0, p => p with { Start = null })), "projects[0].start"),
        ["project start not yyyy-MM-dd"] = (E(d => EditProject(d, 0, p => p with { Start = "04/01/2027" })), "projects[0].start"),
        ["project start without padding"] = (E(d => EditProject(d, 0, p => p with { Start = "2027-1-4" })), "projects[0].start"),
        ["project start impossible date"] = (E(d => EditProject(d, 0, p => p with { Start = "2027-02-30" })), "projects[0].start"),
        ["project budget negative"] = (E(d => EditProject(d, 1, p => p with { Budget = -100 })), "projects[1].budget"),
        ["task id missing"] = (E(d => EditTask(d, 0, 0, t => t with { Id = null })), "projects[0].tasks[0].id"),
        ["task id duplicate"] = (E(d => EditTask(d, 0, 1, t => t with { Id = "t1" })), "projects[0].tasks[1].id"),
        ["task duration missing"] = (E(d => EditTask(d, 0, 1, t => t with { Duration = null })), "projects[0].tasks[1].duration"),
        ["task duration negative"] = (E(d => EditTask(d, 0, 1, t => t with { Duration = -1 })), "projects[0].tasks[1].duration"),
        ["task duration too long"] = (E(d => EditTask(d, 0, 1, t => t with { Duration = 100_001 })), "projects[0].tasks[1].duration"),
        ["task fixed cost negative"] = (E(d => EditTask(d, 1, 0, t => t with { FixedCost = -5 })), "projects[1].tasks[0].fixedCost"),
        ["task percent complete above 100"] = (E(d => EditTask(d, 0, 0, t => t with { PercentComplete = 101 })), "projects[0].tasks[0].percentComplete"),
        ["task percent complete negative"] = (E(d => EditTask(d, 0, 0, t => t with { PercentComplete = -1 })), "projects[0].tasks[0].percentComplete"),
        ["task actual cost negative"] = (E(d => EditTask(d, 0, 0, t => t with { ActualCost = -1 })), "projects[0].tasks[0].actualCost"),
        ["task deadline malformed"] = (E(d => EditTask(d, 0, 2, t => t with { Deadline = "2027-6-30" })), "projects[0].tasks[2].deadline"),
        ["assignment resource unknown"] = (E(d => EditTask(d, 0, 0, t => t with { Assignments = [new AssignmentEntry { ResourceId = "r-ghost", Units = 1 }] })), "projects[0].tasks[0].assignments[0].resourceId"),
        ["assignment resource missing"] = (E(d => EditTask(d, 0, 0, t => t with { Assignments = [new AssignmentEntry { Units = 1 }] })), "projects[0].tasks[0].assignments[0].resourceId"),
        ["assignment resource twice on a task"] = (E(d => EditTask(d, 0, 1, t => t with { Assignments = [new AssignmentEntry { ResourceId = "r-bo", Units = 1 }, new AssignmentEntry { ResourceId = "r-bo", Units = 1 }] })), "projects[0].tasks[1].assignments[1].resourceId"),
        ["assignment units missing"] = (E(d => EditTask(d, 0, 0, t => t with { Assignments = [new AssignmentEntry { ResourceId = "r-ana" }] })), "projects[0].tasks[0].assignments[0].units"),
        ["assignment units negative"] = (E(d => EditTask(d, 0, 0, t => t with { Assignments = [new AssignmentEntry { ResourceId = "r-ana", Units = -1 }] })), "projects[0].tasks[0].assignments[0].units"),
        ["link from unknown task"] = (E(d => EditLink(d, 0, 0, l => l with { From = "t9" })), "projects[0].links[0].from"),
        ["link to missing"] = (E(d => EditLink(d, 0, 1, l => l with { To = null })), "projects[0].links[1].to"),
        ["link to a task of another project"] = (E(d => EditLink(d, 0, 1, l => l with { To = "a" })), "projects[0].links[1].to"),
        ["link from a task to itself"] = (E(d => EditLink(d, 1, 0, l => l with { To = "a" })), "projects[1].links[0].to"),
        ["link duplicate"] = (E(d => d.Projects![0].Links!.Add(new LinkEntry { From = "t1", To = "t2", Type = "SS" })), "projects[0].links[2]"),
        ["link type unknown"] = (E(d => EditLink(d, 0, 0, l => l with { Type = "XX" })), "projects[0].links[0].type"),
        ["link type numeric"] = (E(d => EditLink(d, 0, 0, l => l with { Type = "1" })), "projects[0].links[0].type"),
        ["link lag too large"] = (E(d => EditLink(d, 0, 0, l => l with { Lag = -100_001 })), "projects[0].links[0].lag"),
        ["cross link from project missing"] = (E(d => EditCrossLink(d, 0, c => c with { FromProject = null })), "crossLinks[0].fromProject"),
        ["cross link to project unknown"] = (E(d => EditCrossLink(d, 0, c => c with { ToProject = "p-void" })), "crossLinks[0].toProject"),
        ["cross link from task missing"] = (E(d => EditCrossLink(d, 0, c => c with { FromTask = " " })), "crossLinks[0].fromTask"),
        ["cross link to task unknown"] = (E(d => EditCrossLink(d, 0, c => c with { ToTask = "zz" })), "crossLinks[0].toTask"),
        ["cross link within one project"] = (E(d => EditCrossLink(d, 0, c => c with { ToProject = "p-erp", ToTask = "t1" })), "crossLinks[0].toProject"),
        ["cross link type unknown"] = (E(d => EditCrossLink(d, 0, c => c with { Type = "FX" })), "crossLinks[0].type"),
        ["cross link lag too large"] = (E(d => EditCrossLink(d, 0, c => c with { Lag = 200_000 })), "crossLinks[0].lag"),
        ["cross link duplicate"] = (E(d => d.CrossLinks!.Add(Cross("p-erp", "m1", "p-crm", "a", "SS", 1))), "crossLinks[1]"),
        ["status date malformed"] = (d => d with { StatusDate = "15.02.2027" }, "statusDate"),
        ["holiday malformed"] = (d => d with { Calendar = new CalendarDocument { Holidays = ["2027-01-01", "Jan 6"] } }, "calendar.holidays[1]"),
        ["working day unknown"] = (d => d with { Calendar = new CalendarDocument { WorkingDays = ["Mon", "Tue", "Wed", "Funday"] } }, "calendar.workingDays[3]"),
        ["working day twice"] = (d => d with { Calendar = new CalendarDocument { WorkingDays = ["Mon", "monday"] } }, "calendar.workingDays[1]"),
        ["working days empty"] = (d => d with { Calendar = new CalendarDocument { WorkingDays = [] } }, "calendar.workingDays"),
    };

    /// <summary>A rule that edits the document's lists in place.</summary>
    private static Func<PortfolioDocument, PortfolioDocument> E(Action<PortfolioDocument> edit) => d =>
    {
        edit(d);
        return d;
    };

    public static TheoryData<string> RuleNames => new(Rules.Keys);

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Each_rule_names_its_field_and_changes_nothing(string rule)
    {
        var (breakIt, path) = Rules[rule];
        var catalog = Imported();
        var before = Snapshot(catalog);

        var document = breakIt(Document());

        var plan = catalog.ValidateImport(document, out var refusal);

        Assert.Null(plan);
        AssertNames(refusal, path);
        Assert.Null(refusal!.Cycle);
        Assert.Equal(before, Snapshot(catalog));
    }

    [Fact]
    public void The_valid_document_passes_on_an_empty_and_on_a_loaded_catalog()
    {
        Assert.NotNull(new EnterpriseCatalog(new CatalogState()).ValidateImport(Document(), out var first));
        Assert.Null(first);
        Assert.NotNull(Imported().ValidateImport(Document(), out var second));
        Assert.Null(second);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var document = Document();
        EditTask(document, 0, 1, t => t with { Duration = -3 });
        EditProject(document, 1, p => p with { Start = "2027-13-01" });
        EditCrossLink(document, 0, c => c with { ToTask = "nope" });

        new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);

        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["projects[0].tasks[1].duration", "projects[1].start", "crossLinks[0].toTask"], refusal.Errors.Keys);
        Assert.Equal("The document has 3 problems; nothing was imported.", refusal.Detail);
    }

    [Fact]
    public void References_may_point_at_stored_entities()
    {
        var catalog = Imported();
        var document = new PortfolioDocument
        {
            Portfolios = [new PortfolioEntry { Id = "pf-sub", ParentId = "pf-ops" }],
            Projects =
            [
                new ProjectEntry
                {
                    Id = "p-new", PortfolioId = "pf-ops", Start = "2027-03-01",
                    Tasks = [new TaskEntry { Id = "x", Duration = 2, Assignments = [new AssignmentEntry { ResourceId = "r-bo", Units = 1 }] }],
                },
            ],
            CrossLinks = [Cross("p-crm", "b", "p-new", "x")],
        };

        Assert.NotNull(catalog.ValidateImport(document, out var refusal));
        Assert.Null(refusal);
    }

    [Fact]
    public void Defaults_fill_what_the_document_leaves_out()
    {
        var document = new PortfolioDocument
        {
            Portfolios = [new PortfolioEntry { Id = "pf" }],
            Resources = [new ResourceEntry { Id = "r" }],
            Projects =
            [
                new ProjectEntry
                {
                    Id = "p", PortfolioId = "pf", Start = "2027-01-04",
                    Tasks =
                    [
                        new TaskEntry { Id = "t", Duration = 1, Assignments = [new AssignmentEntry { ResourceId = "r", Units = 0 }] },
                        new TaskEntry { Id = "u", Duration = 1 },
                    ],
                    Links = [new LinkEntry { From = "t", To = "u", Type = "ss" }, new LinkEntry { From = "u", To = "t", Type = null, Lag = -100_000 }],
                },
            ],
        };

        var plan = new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);

        // The two links form a cycle, so first drop the second one and check the defaults on a valid document.
        Assert.NotNull(refusal);
        document.Projects![0].Links!.RemoveAt(1);
        plan = new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out refusal);
        Assert.Null(refusal);
        Assert.NotNull(plan);
        Assert.Null(plan.Calendar);
        Assert.Null(plan.StatusDate);
        var portfolio = Assert.Single(plan.Portfolios);
        Assert.Equal(("pf", null as string, 0m), (portfolio.Name, portfolio.ParentId, portfolio.Budget));
        var resource = Assert.Single(plan.Resources);
        Assert.Equal(("r", 1m, 0m, "Unassigned"), (resource.Name, resource.Capacity, resource.CostRate, resource.Pool));
        var project = Assert.Single(plan.Projects);
        Assert.Equal(("p", 0, 0m, new DateOnly(2027, 1, 4)), (project.Name, project.Priority, project.Budget, project.Start));
        Assert.Empty(project.Tasks[0].Assignments);
        Assert.Equal(LinkType.SS, Assert.Single(project.Links).Type);
    }

    [Fact]
    public void Lead_and_lag_at_the_limit_and_missing_link_type_are_accepted()
    {
        var document = Document();
        EditLink(document, 0, 0, l => l with { Type = null, Lag = -100_000 });
        EditCrossLink(document, 0, c => c with { Type = "sf", Lag = 100_000 });

        var plan = new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);

        Assert.Null(refusal);
        Assert.Equal(LinkType.FS, plan!.Projects[0].Links[0].Type);
        Assert.Equal(-100_000, plan.Projects[0].Links[0].Lag);
        Assert.Equal(LinkType.SF, plan.CrossLinks[0].Type);
    }

    [Fact]
    public void Working_days_accept_any_case_and_full_names()
    {
        var document = Document() with
        {
            Calendar = new CalendarDocument { WorkingDays = ["mon", "Tuesday", "WED", "thu", "Friday", "sat"], Holidays = ["2027-01-06", "2027-01-01"] },
        };

        var plan = new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);

        Assert.Null(refusal);
        Assert.Equal(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
            plan!.Calendar!.WorkingDays);
        Assert.Equal([new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 6)], plan.Calendar.Holidays);
    }

    [Fact]
    public void A_cycle_inside_a_project_is_named_with_its_path()
    {
        var catalog = new EnterpriseCatalog(new CatalogState());
        var document = Document();
        document.Projects![0].Links!.Add(new LinkEntry { From = "m1", To = "t1" });

        catalog.ValidateImport(document, out var refusal);

        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["p-erp/t1", "p-erp/t2", "p-erp/m1", "p-erp/t1"], refusal.Cycle);
        Assert.Equal(["cycle: p-erp/t1 -> p-erp/t2 -> p-erp/m1 -> p-erp/t1"], refusal.Errors["projects[0].links"]);
    }

    [Fact]
    public void A_cycle_across_projects_in_one_document_is_named_with_its_path()
    {
        var document = Document();
        document.CrossLinks!.Add(Cross("p-crm", "b", "p-erp", "t1"));

        new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);

        Assert.NotNull(refusal);
        Assert.Equal(["p-erp/t1", "p-erp/t2", "p-erp/m1", "p-crm/a", "p-crm/b", "p-erp/t1"], refusal.Cycle);
        Assert.Equal(["cycle: p-erp/t1 -> p-erp/t2 -> p-erp/m1 -> p-crm/a -> p-crm/b -> p-erp/t1"], refusal.Errors["crossLinks"]);
    }

    [Fact]
    public void A_cross_link_closing_a_cycle_through_stored_projects_is_refused_and_changes_nothing()
    {
        var catalog = Imported();
        var before = Snapshot(catalog);

        catalog.ValidateImport(new PortfolioDocument { CrossLinks = [Cross("p-crm", "b", "p-erp", "t2")] }, out var refusal);

        Assert.NotNull(refusal);
        Assert.Equal(["p-erp/t2", "p-erp/m1", "p-crm/a", "p-crm/b", "p-erp/t2"], refusal.Cycle);
        Assert.Contains("crossLinks", refusal.Errors.Keys);
        Assert.Equal(before, Snapshot(catalog));
        // The live graph was not touched either: the stored structure still takes an acyclic link.
        Assert.Null(catalog.TryAddCrossLink(Cross("p-erp", "t1", "p-crm", "b"), out _));
    }

    [Fact]
    public void A_re_imported_project_whose_new_links_close_a_cycle_through_stored_cross_links_is_refused()
    {
        var catalog = new EnterpriseCatalog(new CatalogState());
        var first = Document();
        first.Projects![0].Links!.RemoveAt(1); // no t2 -> m1 yet
        first.CrossLinks!.Add(Cross("p-crm", "b", "p-erp", "t1"));
        catalog.ApplyImport(catalog.ValidateImport(first, out var accepted)!);
        Assert.Null(accepted);
        var before = Snapshot(catalog);

        var again = Document();
        again.Projects!.RemoveAt(1);
        again.CrossLinks!.Clear();
        catalog.ValidateImport(again, out var refusal);

        Assert.NotNull(refusal);
        Assert.Equal(["p-crm/a", "p-crm/b", "p-erp/t1", "p-erp/t2", "p-erp/m1", "p-crm/a"], refusal.Cycle);
        Assert.Contains("projects[0].links", refusal.Errors.Keys);
        Assert.Equal(before, Snapshot(catalog));
    }

    [Fact]
    public void Two_separate_cycles_are_both_listed()
    {
        var document = Document();
        document.Projects![0].Links!.Add(new LinkEntry { From = "m1", To = "t2" });
        document.Projects![1].Links!.Add(new LinkEntry { From = "b", To = "a" });

        new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);

        Assert.NotNull(refusal);
        Assert.Equal(["p-erp/t2", "p-erp/m1", "p-erp/t2"], refusal.Cycle);
        Assert.Equal(["cycle: p-erp/t2 -> p-erp/m1 -> p-erp/t2"], refusal.Errors["projects[0].links"]);
        Assert.Equal(["cycle: p-crm/a -> p-crm/b -> p-crm/a"], refusal.Errors["projects[1].links"]);
    }

    [Fact]
    public void A_portfolio_nested_inside_itself_through_stored_parents_names_the_ring()
    {
        var catalog = Imported();
        var before = Snapshot(catalog);
        var document = new PortfolioDocument { Portfolios = [new PortfolioEntry { Id = "pf-root", ParentId = "pf-ops" }] };

        catalog.ValidateImport(document, out var refusal);

        Assert.NotNull(refusal);
        Assert.Equal(["pf-root", "pf-ops", "pf-root"], refusal.Path);
        AssertNames(refusal, "portfolios[0].parentId");
        Assert.Equal(before, Snapshot(catalog));
    }

    [Fact]
    public void A_ring_inside_the_document_is_reported_on_each_member()
    {
        var document = new PortfolioDocument
        {
            Portfolios =
            [
                new PortfolioEntry { Id = "a", ParentId = "b" },
                new PortfolioEntry { Id = "b", ParentId = "a" },
                new PortfolioEntry { Id = "c", ParentId = "c" },
            ],
        };

        new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);

        Assert.NotNull(refusal);
        Assert.Equal(["a", "b", "a"], refusal.Path);
        AssertNames(refusal, "portfolios[0].parentId");
        AssertNames(refusal, "portfolios[1].parentId");
        Assert.Contains("c -> c", AssertNames(refusal, "portfolios[2].parentId")[0]);
    }

    [Fact]
    public void Dropping_a_task_named_by_a_stored_cross_link_is_refused()
    {
        var catalog = Imported();
        var before = Snapshot(catalog);
        var document = Document();
        document.Projects!.RemoveAt(1);
        document.CrossLinks!.Clear();
        document.Projects[0].Tasks!.RemoveAt(2);
        document.Projects[0].Links!.RemoveAt(1);

        catalog.ValidateImport(document, out var refusal);

        var message = Assert.Single(AssertNames(refusal, "projects[0].tasks"));
        Assert.Equal("task m1 is still named by cross link p-erp/m1 -> p-crm/a; remove the link first", message);
        Assert.Equal(before, Snapshot(catalog));
    }

    [Fact]
    public void A_cross_link_in_the_document_resolves_tasks_against_the_documents_version_of_a_project()
    {
        var catalog = Imported();
        var document = new PortfolioDocument
        {
            Projects =
            [
                new ProjectEntry
                {
                    Id = "p-crm", PortfolioId = "pf-root", Start = "2027-02-01",
                    Tasks = [new TaskEntry { Id = "a", Duration = 3 }, new TaskEntry { Id = "c", Duration = 1 }],
                },
            ],
            CrossLinks = [Cross("p-erp", "t1", "p-crm", "c"), Cross("p-erp", "t1", "p-crm", "b")],
        };

        catalog.ValidateImport(document, out var refusal);

        // "c" is new in the document; "b" exists only in the stored version, which the document replaces.
        Assert.NotNull(refusal);
        Assert.Equal(["crossLinks[1].toTask"], refusal.Errors.Keys.ToArray());
    }

    [Fact]
    public void Ids_are_trimmed_and_references_match_trimmed_ids()
    {
        var document = Document();
        document.Portfolios![1] = document.Portfolios[1] with { Id = " pf-ops " };
        EditProject(document, 0, p => p with { PortfolioId = "pf-ops" });

        var plan = new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);

        Assert.Null(refusal);
        Assert.Equal("pf-ops", plan!.Portfolios[1].Id);
    }

    [Fact]
    public void A_missing_document_is_invalid()
    {
        new EnterpriseCatalog(new CatalogState()).ValidateImport(null!, out var refusal);
        Assert.Equal(RefusalKind.Invalid, refusal!.Kind);
    }
}
