using Pmo.Contracts;
using Pmo.Domain.Documents;
using Pmo.Load.Reconciliation;
using Pmo.Load.Service;

namespace Pmo.Load.Tests;

/// <summary>
/// A tiny hand-made enterprise and what a correct service reports for it, worked out by hand:
/// Mon–Fri, no holidays, both projects start Monday 2027-01-04 (working day n).
/// pa: t1 (3 days, r1 at 1.0) → m1 (milestone). pb: u1 (2 days) after pa/m1 by FS lag 1; u2 (2 days, r1 at 1.0) free.
/// pa/t1 n..n+2 (Mon–Wed), pa/m1 at n+3 (Thu); pb/u1 n+4..n+5 (Fri–Mon), pb/u2 n..n+1 (Mon–Tue).
/// r1 carries t1 and u2 on Mon and Tue: load 2 against capacity 1, one run Mon 01-04..Tue 01-05, peak 2.
/// </summary>
internal static class Documents
{
    public static PortfolioDocument TwoProjects() => new()
    {
        Calendar = new CalendarDocument { WorkingDays = ["Mon", "Tue", "Wed", "Thu", "Fri"], Holidays = [] },
        StatusDate = "2027-01-04",
        Portfolios =
        [
            new PortfolioEntry { Id = "pf-root", Name = "Enterprise", ParentId = null, Budget = 10_000 },
            new PortfolioEntry { Id = "pf-a", Name = "Ops", ParentId = "pf-root", Budget = 10_000 },
        ],
        Resources = [new ResourceEntry { Id = "r1", Name = "Ana", Capacity = 1, CostRate = 100, Pool = "Data" }],
        Projects =
        [
            new ProjectEntry
            {
                Id = "pa", Name = "A", PortfolioId = "pf-a", Priority = 1, Start = "2027-01-04", Budget = 5000,
                Tasks =
                [
                    new TaskEntry { Id = "t1", Name = "Design", Duration = 3, FixedCost = 0, Assignments = [new AssignmentEntry { ResourceId = "r1", Units = 1 }] },
                    new TaskEntry { Id = "m1", Name = "Sign-off", Duration = 0, Assignments = [] },
                ],
                Links = [new LinkEntry { From = "t1", To = "m1", Type = "FS", Lag = 0 }],
            },
            new ProjectEntry
            {
                Id = "pb", Name = "B", PortfolioId = "pf-a", Priority = 1, Start = "2027-01-04", Budget = 5000,
                Tasks =
                [
                    new TaskEntry { Id = "u1", Name = "Build", Duration = 2, Assignments = [] },
                    new TaskEntry { Id = "u2", Name = "Prep", Duration = 2, Assignments = [new AssignmentEntry { ResourceId = "r1", Units = 1 }] },
                ],
                Links = [],
            },
        ],
        CrossLinks = [new CrossLinkEntry { FromProject = "pa", FromTask = "m1", ToProject = "pb", ToTask = "u1", Type = "FS", Lag = 1 }],
    };

    /// <summary>An alert log entry as the service answers it, with what reconciliation does not read left empty.</summary>
    public static AlertEntry Alert(long seq, string id, string kind, string state, string subject, string changeId) => new()
    {
        Seq = seq, Id = id, Kind = kind, Severity = "warning", State = state, Subject = subject,
        PortfolioIds = [], ProjectIds = [], ResourceIds = [], Message = "", ChangeId = changeId,
    };

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static TaskView Task(string id, int duration, string es, string ef, string ls, string lf, int tf) => new()
    {
        Id = id, Name = id, Duration = duration, EarlyStart = D(es), EarlyFinish = D(ef), LateStart = D(ls), LateFinish = D(lf), TotalFloat = tf, Critical = tf <= 0,
    };

    public static ProjectView ProjectA() => new()
    {
        Id = "pa", Name = "A", Health = "green", PortfolioId = "pf-a", Start = D("2027-01-04"), Finish = D("2027-01-07"), BaselineFinish = D("2027-01-07"),
        Budget = 5000, Eac = 1000, Cpi = 1, Spi = 1,
        Tasks =
        [
            Task("t1", 3, "2027-01-04", "2027-01-06", "2027-01-04", "2027-01-06", 0),
            Task("m1", 0, "2027-01-07", "2027-01-07", "2027-01-07", "2027-01-07", 0),
        ],
    };

    public static ProjectView ProjectB() => new()
    {
        Id = "pb", Name = "B", Health = "green", PortfolioId = "pf-a", Start = D("2027-01-04"), Finish = D("2027-01-11"), BaselineFinish = D("2027-01-11"),
        Budget = 5000, Eac = 2000.25m, Cpi = 1, Spi = 1,
        Tasks =
        [
            Task("u1", 2, "2027-01-08", "2027-01-11", "2027-01-08", "2027-01-11", 0),
            Task("u2", 2, "2027-01-04", "2027-01-05", "2027-01-08", "2027-01-11", 4),
        ],
    };

    public static ServiceSnapshot Consistent() => new()
    {
        Export = TwoProjects(),
        Projects = new Dictionary<string, ProjectView> { ["pa"] = ProjectA(), ["pb"] = ProjectB() },
        Portfolios =
        [
            new PortfolioView { Id = "pf-root", Name = "Root", Health = "green", ParentId = null, ProjectCount = 2, Budget = 10_000, Eac = 3000.25m },
            new PortfolioView { Id = "pf-a", Name = "A", Health = "green", ParentId = "pf-root", ProjectCount = 2, Budget = 10_000, Eac = 3000.25m },
        ],
        ResourceLoads = new Dictionary<string, ResourceLoadView>
        {
            ["r1"] = new() { Id = "r1", Capacity = 1, Days = [], Overallocated = [new OverallocationView { From = D("2027-01-04"), To = D("2027-01-05"), Peak = 2 }] },
        },
        AlertLog =
        [
            Alert(1, "a-r1", "ResourceConflict", "raised", "resource:r1", "c-1"),
            Alert(2, "a-pa-old", "ScheduleSlip", "raised", "project:pa", "c-1"),
            Alert(3, "a-pa-old", "ScheduleSlip", "resolved", "project:pa", "c-2"),
        ],
    };
}
