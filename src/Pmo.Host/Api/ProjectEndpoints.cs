using Pmo.Contracts;
using Pmo.Contracts.Commands;
using Pmo.Host.Access;

namespace Pmo.Host.Api;

public static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects").WithTags("Projects");

        projects.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IProjectGrain>(id).GetView() is { } view
                ? Results.Json(view, JsonBody.Options)
                : Problems.NotFound($"Project {id} does not exist."))
            .Reads(Target.Project).WithSummary("A project's schedule, earned value and health");

        // Each command: its record bound from path and body, refused by CommandFilter, handled by its grain.
        projects.MapPost("/{id}/tasks/{taskId}/slip", (Sent<SlipTask> slip, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Project(grains, slip.Value.ProjectId).Slip(r, slip.Value)))
            .Command("slip", Target.Task).WithSummary("A task's duration grows (or shrinks) by some working days");

        projects.MapPost("/{id}/baseline", (Sent<RebaselineProject> rebaseline, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Project(grains, rebaseline.Value.ProjectId).Rebaseline(r, rebaseline.Value)))
            .Command("baseline", Target.Project).WithSummary("Re-baseline: baselineFinish becomes the current finish");

        projects.MapPost("/{id}/tasks/{taskId}/progress", (Sent<RecordProgress> progress, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Project(grains, progress.Value.ProjectId).ReportProgress(r, progress.Value)))
            .Command("progress", Target.Task).WithSummary("Record progress and actual cost of a task");

        projects.MapPut("/{id}/budget", (Sent<SetProjectBudget> budget, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Project(grains, budget.Value.ProjectId).SetBudget(r, budget.Value)))
            .Command("budget", Target.Project).WithSummary("Change the approved budget");

        projects.MapPost("/{id}/assignments", (Sent<AssignResource> assignment, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Enterprise(grains).Assign(r, assignment.Value)))
            .Command("assign", Target.Project).WithSummary("Add or change an assignment (units 0 removes it)");

        projects.MapPost("/{id}/move", (Sent<MoveProject> move, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Enterprise(grains).MoveProject(r, move.Value)))
            .Command("moveProject", Target.Project, scopedByBody: true).WithSummary("Move the project to another portfolio");

        projects.MapDelete("/{id}", (Sent<CancelProject> cancel, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Enterprise(grains).DeleteProject(r, cancel.Value)))
            .Command("deleteProject", Target.Project).WithSummary("Cancel a project");
    }

    private static IProjectGrain Project(IGrainFactory grains, string id) => grains.GetGrain<IProjectGrain>(id);

    private static IEnterpriseGrain Enterprise(IGrainFactory grains) => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);
}
