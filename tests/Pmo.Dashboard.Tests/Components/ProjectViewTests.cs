using Pmo.Dashboard.Components.Pages;
using Pmo.Dashboard.Components.Views;
using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Tests.Components;

public sealed class ProjectViewTests : DashboardContext
{
    private static readonly DateOnly D = new(2027, 3, 1);

    private static ProjectDetail Detail(DateOnly finish) => new(
        Project("p-1") with { Finish = finish },
        D, D.AddDays(3), 1000, 400, 380, 420,
        [
            new GanttTask("t1", "Design", 5, 100, D, D.AddDays(4), D, D.AddDays(4), 0, true, null),
            new GanttTask("t2", "Build", 5, 20, D.AddDays(7), finish, D.AddDays(7), D.AddDays(11), 0, true, null),
            new GanttTask("t3", "Docs", 2, 0, D.AddDays(7), D.AddDays(8), null, null, 3, false, null),
            new GanttTask("m1", "Go-live", 0, 0, finish, finish, finish, finish, 0, true, null),
        ],
        [new("p-1", "t1", "p-1", "t2", "FS", 0), new("p-1", "t1", "p-1", "t3", "FS", 0), new("p-1", "t2", "p-1", "m1", "FS", 0)],
        [new("p-0", "m1", "p-1", "t1", "FS", 2), new("p-1", "m1", "p-2", "t1", "FS", 0)]);

    [Fact]
    public void Gantt_marks_the_critical_path_and_draws_baselines_links_and_the_status_date()
    {
        var gantt = Render<Gantt>(ps => ps.Add(g => g.Tasks, Detail(D.AddDays(11)).Tasks).Add(g => g.Links, Detail(D.AddDays(11)).Links).Add(g => g.StatusDate, D.AddDays(3)));
        Assert.Equal(["t1", "t2", "m1"], gantt.FindAll("g.row.critical").Select(g => g.GetAttribute("data-task")!));
        Assert.Equal(3, gantt.FindAll("rect.baseline").Count);
        Assert.Single(gantt.FindAll("path.milestone"));
        Assert.Equal(2, gantt.FindAll("path.link.critical").Count);
        Assert.Single(gantt.FindAll("path.link:not(.critical)"));
        Assert.Equal("2027-03-04", gantt.Find("line.status").GetAttribute("data-status-date"));
    }

    [Fact]
    public void A_later_finish_draws_a_longer_bar_than_its_baseline()
    {
        var layout = new GanttLayout(Detail(D.AddDays(16)).Tasks, D);
        var build = layout.Tasks.Single(t => t.Id == "t2");
        Assert.True(layout.XEnd(build.Finish) > layout.XEnd(build.BaselineFinish!.Value));
        Assert.Equal(GanttLayout.LabelWidth, layout.X(D));
    }

    [Fact]
    public void Project_page_shows_earned_value_and_links_cross_project_neighbours()
    {
        Data.Details["p-1"] = Detail(D.AddDays(11));
        var page = Render<Project>(ps => ps.Add(p => p.Id, "p-1"));
        page.WaitForAssertion(() => Assert.Equal("2027-03-12", page.Find("#project-finish").GetAttribute("data-finish")));
        Assert.Equal(["p-0", "p-2"], page.FindAll("a[data-cross]").Select(a => a.GetAttribute("data-cross")!));
        Assert.Equal("projects/p-0", page.Find("a[data-cross='p-0']").GetAttribute("href"));
        Assert.Contains("EV", page.Find("dl").TextContent);
    }

    [Fact]
    public void A_push_for_the_project_redraws_its_finish()
    {
        Data.Details["p-1"] = Detail(D.AddDays(11));
        var page = Render<Project>(ps => ps.Add(p => p.Id, "p-1"));
        page.WaitForAssertion(() => Assert.Equal("2027-03-12", page.Find("#project-finish").GetAttribute("data-finish")));
        Assert.Equal("project:p-1", Assert.Single(Data.Subscriptions).Scope);
        Data.Details["p-1"] = Detail(D.AddDays(18));
        page.InvokeAsync(() => Data.PushAsync(LiveUpdate.Empty with { Projects = [Project("p-1")] }));
        page.WaitForAssertion(() => Assert.Equal("2027-03-19", page.Find("#project-finish").GetAttribute("data-finish")));
        Assert.Equal("2027-03-19", page.Find("[data-bar='t2']").GetAttribute("data-finish"));
    }
}
