using Pmo.Contracts;
using Pmo.Host.Access;

namespace Pmo.Host.Api;

public static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        // Its commands are in CommandEndpoints.
        app.MapGet("/api/projects/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IProjectGrain>(id).GetView() is { } view
                ? Results.Json(view, JsonBody.Options)
                : Problems.NotFound($"Project {id} does not exist."))
            .WithTags("Projects").Reads(Target.Project).WithSummary("A project's schedule, earned value and health");
    }
}
