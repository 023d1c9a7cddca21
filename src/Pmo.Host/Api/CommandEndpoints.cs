using Pmo.Contracts;
using Pmo.Contracts.Commands;
using Pmo.Domain.Catalog;
using Pmo.Host.Access;

namespace Pmo.Host.Api;

/// <summary>
/// Every command but the import, one line each: its record (bound by <see cref="Sent{T}"/>, refused by
/// <see cref="CommandFilter"/>), its route, its audit action and access target, and the grain that handles it.
/// PUT /api/portfolios/{id} is in <see cref="PortfolioEndpoints"/>: its body is read by hand.
/// </summary>
public static class CommandEndpoints
{
    private delegate Task<Refusal?> Handle<in T>(IGrainFactory grains, Ripple ripple, T command);

    public static void MapCommandEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects").WithTags("Projects");
        projects.Map<SlipTask>("POST", "/{id}/tasks/{taskId}/slip", (g, r, c) => Project(g, c).Slip(r, c)).Command("slip", Target.Task).WithSummary("A task's duration grows (or shrinks) by some working days");
        projects.Map<RebaselineProject>("POST", "/{id}/baseline", (g, r, c) => Project(g, c).Rebaseline(r, c)).Command("baseline", Target.Project).WithSummary("Re-baseline: baselineFinish becomes the current finish");
        projects.Map<RecordProgress>("POST", "/{id}/tasks/{taskId}/progress", (g, r, c) => Project(g, c).ReportProgress(r, c)).Command("progress", Target.Task).WithSummary("Record progress and actual cost of a task");
        projects.Map<SetProjectBudget>("PUT", "/{id}/budget", (g, r, c) => Project(g, c).SetBudget(r, c)).Command("budget", Target.Project).WithSummary("Change the approved budget");
        projects.Map<AssignResource>("POST", "/{id}/assignments", (g, r, c) => Enterprise(g).Assign(r, c)).Command("assign", Target.Project).WithSummary("Add or change an assignment (units 0 removes it)");
        // Both ends of a move must be in the caller's scope: the path's project (judged first) and the new portfolio.
        projects.Map<MoveProject>("POST", "/{id}/move", (g, r, c) => Enterprise(g).MoveProject(r, c)).Command("moveProject", Target.Project, scopedByBody: true).WithSummary("Move the project to another portfolio");
        projects.Map<CancelProject>("DELETE", "/{id}", (g, r, c) => Enterprise(g).DeleteProject(r, c)).Command("deleteProject", Target.Project).WithSummary("Cancel a project");

        // A cross link is a manager's to change only when both of its projects are in their scope.
        var links = app.MapGroup("/api/crosslinks").WithTags("Cross-project links");
        links.Map<AddCrossLink>("POST", "/", (g, r, c) => Enterprise(g).AddCrossLink(r, c)).Command("addCrossLink", Target.CrossLinks, scopedByBody: true).WithSummary("Add a cross-project dependency (409 with the cycle if it would close one)");
        links.Map<RemoveCrossLink>("DELETE", "/", (g, r, c) => Enterprise(g).RemoveCrossLink(r, c)).Command("removeCrossLink", Target.CrossLinks, scopedByBody: true).WithSummary("Remove a cross-project dependency");

        app.MapGroup("/api/portfolios").WithTags("Portfolios")
            .Map<DeletePortfolio>("DELETE", "/{id}", (g, r, c) => Enterprise(g).DeletePortfolio(r, c)).Command("deletePortfolio", Target.Portfolio).WithSummary("Remove an empty portfolio");
        app.MapGroup("/api/resources").WithTags("Resources")
            .Map<MoveResource>("POST", "/{id}/move", (g, r, c) => Enterprise(g).MoveResource(r, c)).Command("moveResource", Target.Resource, Right.Pmo).WithSummary("Move the resource to another pool");
    }

    /// <summary>The command's record in, 202 with its changeId (or the refusal) out; see <see cref="ChangeIssuer"/>.</summary>
    private static RouteHandlerBuilder Map<T>(this IEndpointRouteBuilder group, string method, string pattern, Handle<T> handle)
        where T : class, IRoutedCommand<T> =>
        group.MapMethods(pattern, [method], (Sent<T> sent, ChangeIssuer changes, IGrainFactory grains) => changes.Issue(r => handle(grains, r, sent.Value)));

    private static IProjectGrain Project(IGrainFactory grains, IProjectCommand command) => grains.GetGrain<IProjectGrain>(command.ProjectId);

    private static IEnterpriseGrain Enterprise(IGrainFactory grains) => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);
}
