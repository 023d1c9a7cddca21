using Pmo.Contracts;
using Pmo.Load.Reconciliation;
using Pmo.Load.Service;

namespace Pmo.Load.Tests;

public sealed class ReconcilerTests
{
    private static string All(ReconciliationResult result) => string.Join(Environment.NewLine, result.Problems);

    /// <summary>The consistent snapshot with one more entry in its alert log, reconciled.</summary>
    private static ReconciliationResult CheckWithAlert(AlertEntry extra)
    {
        var snapshot = Documents.Consistent();
        return Reconciler.Check(snapshot with { AlertLog = [.. snapshot.AlertLog, extra] });
    }

    [Fact]
    public void A_consistent_service_reconciles()
    {
        var result = Reconciler.Check(Documents.Consistent());

        Assert.True(result.Ok, All(result));
        Assert.Empty(result.Problems);
        Assert.Equal(0, result.ProblemCount);
        Assert.Equal(4, result.Checked["tasks"]);
        Assert.Equal(2, result.Checked["links"]);
        Assert.Equal(1, result.Checked["openAlerts"]);
    }

    [Fact]
    public void A_violated_cross_link_is_reported()
    {
        var snapshot = Documents.Consistent();
        var b = Documents.ProjectB();
        // u1 reported to start Thursday, the day pa/m1 falls on: FS lag 1 wants Friday at the earliest.
        b = b with { Tasks = [b.Tasks[0] with { EarlyStart = new DateOnly(2027, 1, 7), EarlyFinish = new DateOnly(2027, 1, 8) }, b.Tasks[1]] };
        snapshot = snapshot with { Projects = new Dictionary<string, ProjectView> { ["pa"] = Documents.ProjectA(), ["pb"] = b } };

        var result = Reconciler.Check(snapshot);

        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.StartsWith("link pa/m1 -> pb/u1 (FS, lag 1): violated", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("task pb/u1: reported ES/EF/LS/LF/float", StringComparison.Ordinal));
    }

    [Fact]
    public void A_violated_link_inside_a_project_is_reported()
    {
        var snapshot = Documents.Consistent();
        var a = Documents.ProjectA();
        a = a with { Tasks = [a.Tasks[0], a.Tasks[1] with { EarlyStart = new DateOnly(2027, 1, 5), EarlyFinish = new DateOnly(2027, 1, 5) }] };
        var result = Reconciler.Check(snapshot with { Projects = new Dictionary<string, ProjectView> { ["pa"] = a, ["pb"] = Documents.ProjectB() } });

        Assert.Contains(result.Problems, p => p.StartsWith("link pa/t1 -> pa/m1 (FS, lag 0): violated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_project_finish_is_reported()
    {
        var snapshot = Documents.Consistent();
        var result = Reconciler.Check(snapshot with
        {
            Projects = new Dictionary<string, ProjectView> { ["pa"] = Documents.ProjectA() with { Finish = new DateOnly(2027, 1, 6) }, ["pb"] = Documents.ProjectB() },
        });

        Assert.Contains("project pa: reported finish 2027-01-06, a whole-portfolio CPM over the export gives 2027-01-07", result.Problems);
    }

    [Fact]
    public void A_roll_up_that_is_off_is_reported()
    {
        var snapshot = Documents.Consistent();
        var result = Reconciler.Check(snapshot with
        {
            Portfolios =
            [
                snapshot.Portfolios[0],
                snapshot.Portfolios[1] with { Eac = 3100m, ProjectCount = 1 },
            ],
        });

        Assert.False(result.Ok);
        Assert.Contains("portfolio pf-a: eac 3100.00, but its 2 projects' eac sum to 3000.25", result.Problems);
        Assert.Contains("portfolio pf-a: projectCount 1, but 2 projects of the export sit below it", result.Problems);
    }

    [Fact]
    public void A_roll_up_within_a_cent_per_project_passes()
    {
        var snapshot = Documents.Consistent();
        var result = Reconciler.Check(snapshot with { Portfolios = [snapshot.Portfolios[0] with { Eac = 3000.26m }, snapshot.Portfolios[1]] });

        Assert.True(result.Ok, All(result));
    }

    [Fact]
    public void Overallocation_that_does_not_match_a_recount_is_reported()
    {
        var snapshot = Documents.Consistent();
        var result = Reconciler.Check(snapshot with
        {
            ResourceLoads = new Dictionary<string, ResourceLoadView> { ["r1"] = new() { Id = "r1", Capacity = 1, Days = [], Overallocated = [] } },
        });

        Assert.Contains(result.Problems, p => p.StartsWith("resource r1: overallocated none, a recount", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("open ResourceConflict alert a-r1 on resource:r1", StringComparison.Ordinal));
    }

    [Fact]
    public void An_open_alert_that_no_longer_holds_is_reported()
    {
        var result = CheckWithAlert(Documents.Alert(4, "a-pb", "BudgetOverrun", "raised", "project:pb", "c-3"));

        Assert.Contains("open BudgetOverrun alert a-pb on project:pb (seq 4, change c-3): no longer true: eac 2000.25 is within budget 5000.00", result.Problems);
    }

    [Fact]
    public void A_condition_without_its_alert_is_reported()
    {
        var snapshot = Documents.Consistent();
        var result = Reconciler.Check(snapshot with { AlertLog = [] });

        Assert.Contains(result.Problems, p => p.StartsWith("resource r1: over-allocated on or after the status date 2027-01-04", StringComparison.Ordinal));
    }

    [Fact]
    public void An_alert_on_a_cancelled_project_is_reported()
    {
        var result = CheckWithAlert(Documents.Alert(4, "a-gone", "ScheduleSlip", "updated", "project:gone", "c-9"));

        Assert.Contains(result.Problems, p => p.Contains("project gone does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_project_the_service_does_not_know_is_reported()
    {
        var snapshot = Documents.Consistent();
        var result = Reconciler.Check(snapshot with { Projects = new Dictionary<string, ProjectView> { ["pa"] = Documents.ProjectA() } });

        Assert.Contains("project pb: in the export but GET /api/projects/pb found nothing", result.Problems);
    }

    [Fact]
    public void Problems_are_capped_with_their_count()
    {
        var snapshot = Documents.Consistent();
        var many = Enumerable.Range(1, 150).Select(i => Documents.Alert(10 + i, $"x{i}", "ScheduleSlip", "raised", "project:pa", "c-x"));
        var result = Reconciler.Check(snapshot with { AlertLog = [.. snapshot.AlertLog, .. many] });

        Assert.Equal(ReconciliationResult.MaxProblems, result.Problems.Count);
        Assert.Equal(150, result.ProblemCount);
        Assert.False(result.Ok);
    }
}
