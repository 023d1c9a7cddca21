using Pmo.Contracts;
using Pmo.Domain.Catalog;
using Pmo.Host.Access;
using Pmo.Host.Hosting;

namespace Pmo.Host.Api;

public static class ProjectEndpoints
{
    /// <summary>Slips beyond this many working days in one command are refused as typing errors.</summary>
    public const int MaxSlipDays = 10_000;

    public sealed record SlipBody(int? Days, string? Reason);
    public sealed record ProgressBody(decimal? PercentComplete, decimal? ActualCost);
    public sealed record BudgetBody(decimal? Budget);
    public sealed record AssignmentBody(string? TaskId, string? ResourceId, decimal? Units);
    public sealed record MoveBody(string? PortfolioId);

    public static void MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects").WithTags("Projects");

        projects.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IProjectGrain>(id).GetView() is { } view
                ? Results.Json(view, JsonBody.Options)
                : Problems.NotFound($"Project {id} does not exist."))
            .Reads(Target.Project).WithSummary("A project's schedule, earned value and health");

        projects.MapPost("/{id}/tasks/{taskId}/slip", async (string id, string taskId, HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options) =>
        {
            var body = await JsonBody.Read<SlipBody>(http, options.MaxCommandBytes);
            if (body.Error is not null) return body.Error;
            if (body.Value!.Days is not { } days) return Problems.Invalid("days", "days is required (working days; negative shrinks).");
            if (Math.Abs(days) > MaxSlipDays) return Problems.Invalid("days", $"days must be between -{MaxSlipDays} and {MaxSlipDays}.");
            return await changes.Issue(r => grains.GetGrain<IProjectGrain>(id).Slip(r, taskId, days));
        }).Command("slip", Target.Task).WithSummary("A task's duration grows (or shrinks) by some working days");

        projects.MapPost("/{id}/baseline", (string id, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => grains.GetGrain<IProjectGrain>(id).Rebaseline(r)))
            .Command("baseline", Target.Project).WithSummary("Re-baseline: baselineFinish becomes the current finish");

        projects.MapPost("/{id}/tasks/{taskId}/progress", async (string id, string taskId, HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options) =>
        {
            var body = await JsonBody.Read<ProgressBody>(http, options.MaxCommandBytes);
            if (body.Error is not null) return body.Error;
            var (percent, actual) = (body.Value!.PercentComplete, body.Value.ActualCost);
            if (percent is null && actual is null) return Problems.Invalid("percentComplete", "Give percentComplete, actualCost or both.");
            if (percent is < 0 or > 100) return Problems.Invalid("percentComplete", "percentComplete must be between 0 and 100.");
            if (actual is < 0) return Problems.Invalid("actualCost", "actualCost must be >= 0.");
            return await changes.Issue(r => grains.GetGrain<IProjectGrain>(id).ReportProgress(r, taskId, percent, actual));
        }).Command("progress", Target.Task).WithSummary("Record progress and actual cost of a task");

        projects.MapPut("/{id}/budget", async (string id, HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options) =>
        {
            var body = await JsonBody.Read<BudgetBody>(http, options.MaxCommandBytes);
            if (body.Error is not null) return body.Error;
            if (body.Value!.Budget is not { } budget) return Problems.Invalid("budget", "budget is required.");
            if (budget < 0) return Problems.Invalid("budget", "budget must be >= 0.");
            return await changes.Issue(r => grains.GetGrain<IProjectGrain>(id).SetBudget(r, budget));
        }).Command("budget", Target.Project).WithSummary("Change the approved budget");

        projects.MapPost("/{id}/assignments", async (string id, HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options) =>
        {
            var body = await JsonBody.Read<AssignmentBody>(http, options.MaxCommandBytes);
            if (body.Error is not null) return body.Error;
            var b = body.Value!;
            return await changes.Issue(r => Enterprise(grains).Assign(r, id, b.TaskId, b.ResourceId, b.Units));
        }).Command("assign", Target.Project).WithSummary("Add or change an assignment (units 0 removes it)");

        projects.MapPost("/{id}/move", async (string id, HttpContext http, ChangeIssuer changes, IGrainFactory grains, PmoHostOptions options, BodyScope scope) =>
        {
            var body = await JsonBody.Read<MoveBody>(http, options.MaxCommandBytes);
            if (body.Error is not null) return body.Error;
            // Both ends of a move must be in the caller's scope: the path's project (judged already) and the new portfolio.
            if (await scope.Check(http, [], [("portfolioId", body.Value!.PortfolioId)]) is { } refused) return refused;
            return await changes.Issue(r => Enterprise(grains).MoveProject(r, id, body.Value!.PortfolioId));
        }).Command("moveProject", Target.Project, scopedByBody: true).WithSummary("Move the project to another portfolio");

        projects.MapDelete("/{id}", (string id, ChangeIssuer changes, IGrainFactory grains) =>
            changes.Issue(r => Enterprise(grains).DeleteProject(r, id)))
            .Command("deleteProject", Target.Project).WithSummary("Cancel a project");
    }

    private static IEnterpriseGrain Enterprise(IGrainFactory grains) => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);
}
