using Pmo.Dashboard.Components.Pages;
using Pmo.Dashboard.Components.Views;
using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Tests.Components;

public sealed class AlertFeedTests : DashboardContext
{
    private static AlertItem Alert(long seq, string id = "a-1", string state = "raised", string kind = "ScheduleSlip", string severity = "warning") =>
        new(seq, id, kind, severity, state, "project:p-1", ["pf-a"], ["p-1"], [], $"message {seq}", $"c-{seq}", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Feed_shows_newest_first_and_subscribes_after_the_last_seq_it_read()
    {
        Data.Alerts.AddRange([Alert(1), Alert(2, "a-2"), Alert(3, "a-3")]);
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Equal(["3", "2", "1"], Seqs(page)));
        var subscription = Assert.Single(Data.Subscriptions);
        Assert.Equal(("all", 3L), (subscription.Scope, subscription.AfterSeq));
        Assert.Contains("Live", page.Find("[data-testid=feed-state]").TextContent);
    }

    [Fact]
    public void A_pushed_alert_appears_once_even_when_it_arrives_twice()
    {
        Data.Alerts.Add(Alert(1));
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Single(Seqs(page)));
        page.InvokeAsync(() => Data.PushAsync(LiveUpdate.Empty with { Alerts = [Alert(2, "a-2"), Alert(1)] }));
        page.InvokeAsync(() => Data.PushAsync(LiveUpdate.Empty with { Alerts = [Alert(2, "a-2")] }));
        page.WaitForAssertion(() => Assert.Equal(["2", "1"], Seqs(page)));
        Assert.Contains("message 2", page.Find("tr[data-seq='2'] td.message").TextContent);
    }

    [Fact]
    public void A_resolved_alert_is_marked_on_every_entry_of_it()
    {
        var log = new AlertLog();
        log.Add([Alert(1), Alert(2, "a-2"), Alert(3, state: "resolved")]);
        Assert.True(log.IsResolved(Alert(1)));
        Assert.False(log.IsResolved(Alert(2, "a-2")));

        Data.Alerts.AddRange([Alert(1), Alert(3, state: "resolved")]);
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.resolved").Count));
        Assert.Contains("since resolved", page.Find("tr[data-seq='1']").TextContent);
    }

    [Fact]
    public void Filters_by_kind_and_severity()
    {
        Data.Alerts.AddRange([Alert(1), Alert(2, "a-2", kind: "BudgetOverrun", severity: "critical"), Alert(3, "a-3", kind: "BudgetOverrun")]);
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Equal(3, Seqs(page).Count));
        page.FindAll("select")[0].Change("BudgetOverrun");
        Assert.Equal(["3", "2"], Seqs(page));
        page.FindAll("select")[1].Change("critical");
        Assert.Equal(["2"], Seqs(page));
    }

    [Fact]
    public void A_resync_reads_the_missed_alerts_from_the_log()
    {
        Data.Alerts.Add(Alert(1));
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Single(Seqs(page)));
        Data.Alerts.AddRange([Alert(2, "a-2"), Alert(3, "a-3")]);
        page.InvokeAsync(() => Data.PushAsync(LiveUpdate.Empty with { Resync = [new("all", 1)] }));
        page.WaitForAssertion(() => Assert.Equal(["3", "2", "1"], Seqs(page)));
    }

    [Fact]
    public void Each_alert_links_its_subject_and_its_change()
    {
        Data.Alerts.Add(Alert(7) with { Subject = "task:p-9/t1" });
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Single(Seqs(page)));
        var links = page.FindAll("tr[data-seq='7'] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["projects/p-9", "changes/c-7"], links);
    }

    private static List<string> Seqs(IRenderedComponent<Alerts> page) => [.. page.FindAll("tr[data-seq]").Select(r => r.GetAttribute("data-seq")!)];
}
