namespace Pmo.Load.Service;

/// <summary>
/// Where each command record goes on the wire. Its body is the record itself: the ids its path names
/// are not serialised, so the JSON is exactly the request body the API binds back into the record.
/// </summary>
public static class CommandRequests
{
    public static (HttpMethod Method, string Path) Of(IPmoCommand command) => command switch
    {
        SlipTask c => (HttpMethod.Post, TaskPath(c.ProjectId, c.TaskId) + "/slip"),
        RecordProgress c => (HttpMethod.Post, TaskPath(c.ProjectId, c.TaskId) + "/progress"),
        SetProjectBudget c => (HttpMethod.Put, ProjectPath(c.ProjectId) + "/budget"),
        RebaselineProject c => (HttpMethod.Post, ProjectPath(c.ProjectId) + "/baseline"),
        AssignResource c => (HttpMethod.Post, ProjectPath(c.ProjectId) + "/assignments"),
        MoveProject c => (HttpMethod.Post, ProjectPath(c.ProjectId) + "/move"),
        CancelProject c => (HttpMethod.Delete, ProjectPath(c.ProjectId)),
        AddCrossLink => (HttpMethod.Post, "/api/crosslinks"),
        RemoveCrossLink => (HttpMethod.Delete, "/api/crosslinks"),
        MoveResource c => (HttpMethod.Post, $"/api/resources/{Uri.EscapeDataString(c.ResourceId)}/move"),
        PutPortfolio c => (HttpMethod.Put, $"/api/portfolios/{Uri.EscapeDataString(c.PortfolioId)}"),
        DeletePortfolio c => (HttpMethod.Delete, $"/api/portfolios/{Uri.EscapeDataString(c.PortfolioId)}"),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "no route for this command"),
    };

    /// <summary>The request body: none for commands whose path says everything.</summary>
    public static object? Body(IPmoCommand command) => command is RebaselineProject or CancelProject or DeletePortfolio ? null : command;

    public static string ProjectPath(string projectId) => $"/api/projects/{Uri.EscapeDataString(projectId)}";

    public static string TaskPath(string projectId, string taskId) => $"{ProjectPath(projectId)}/tasks/{Uri.EscapeDataString(taskId)}";
}
