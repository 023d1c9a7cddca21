using Pmo.Dashboard.Components.Pages;
using Pmo.Dashboard.Components.Views;
using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Tests.Components;

public sealed class OverviewTests : DashboardContext
{
    [Fact]
    public void Overview_shows_the_portfolio_tree_nested_with_each_health()
    {
        Data.Portfolios.AddRange([Portfolio("pf-root", health: "amber"), Portfolio("pf-child", "pf-root", "red")]);
        var page = Render<Overview>();
        page.WaitForAssertion(() =>
        {
            var child = page.Find("li[data-portfolio=pf-root] li[data-portfolio=pf-child]");
            Assert.Contains("health-red", child.QuerySelector(".health")!.ClassName);
            Assert.Equal("2", child.GetAttribute("data-level"));
        });
        Assert.Contains("health-amber", page.Find("li[data-portfolio=pf-root] .health").ClassName);
    }

    [Fact]
    public void Overview_sorts_worst_health_first_and_filters_by_name_and_health()
    {
        Data.Portfolios.Add(Portfolio("pf-a"));
        Data.Projects.AddRange([Project("p-green"), Project("p-red", health: "red"), Project("p-amber", health: "amber")]);
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Equal(["p-red", "p-amber", "p-green"], Rows(page)));

        page.Find("input[type=search]").Input("amb");
        Assert.Equal(["p-amber"], Rows(page));
        page.Find("input[type=search]").Input("");
        page.Find("select").Change("green");
        Assert.Equal(["p-green"], Rows(page));
    }

    [Fact]
    public void Clicking_a_column_sorts_by_it_and_says_so_to_screen_readers()
    {
        Data.Portfolios.Add(Portfolio("pf-a"));
        Data.Projects.AddRange([Project("p-1", cpi: 0.8m), Project("p-2", cpi: 1.2m)]);
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        var cpi = page.FindAll("th").Single(th => th.TextContent.StartsWith("CPI", StringComparison.Ordinal));
        cpi.QuerySelector("button")!.Click();
        Assert.Equal(["p-2", "p-1"], Rows(page));
        Assert.Equal("descending", page.FindAll("th").Single(th => th.TextContent.StartsWith("CPI", StringComparison.Ordinal)).GetAttribute("aria-sort"));
    }

    [Fact]
    public void A_pushed_project_summary_updates_its_row_without_a_reload()
    {
        Data.Portfolios.Add(Portfolio("pf-a"));
        Data.Projects.Add(Project("p-1"));
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        Assert.Single(Data.Subscriptions, s => s.Scope == "all");

        page.InvokeAsync(() => Data.PushAsync(LiveUpdate.Empty with { Projects = [Project("p-1", health: "red", slip: 9)] }));
        page.WaitForAssertion(() =>
        {
            Assert.Contains("health-red", page.Find("tr[data-project=p-1] .health").ClassName);
            Assert.Contains("+9 d", page.Find("tr[data-project=p-1]").TextContent);
        });
    }

    [Fact]
    public void Selecting_a_portfolio_shows_only_its_subtree_projects()
    {
        PortfolioRow[] tree = [Portfolio("pf-a"), Portfolio("pf-b", "pf-a"), Portfolio("pf-c")];
        var rows = ProjectList.Select([Project("p-1", "pf-a"), Project("p-2", "pf-b"), Project("p-3", "pf-c")], null, null,
            ProjectList.Subtree(tree, "pf-a"), "name", false);
        Assert.Equal(["p-1", "p-2"], rows.Select(r => r.Id));
    }

    private static List<string> Rows(IRenderedComponent<Overview> page) =>
        [.. page.FindAll("tr[data-project]").Select(r => r.GetAttribute("data-project")!)];
}
