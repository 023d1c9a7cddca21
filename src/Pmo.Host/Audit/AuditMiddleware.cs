using Pmo.Host.Access;

namespace Pmo.Host.Audit;

/// <summary>
/// Records every request to a command endpoint, whatever became of it — including the 401 of the
/// authentication and the 429 of the rate limit that run after this middleware. The entry is stored
/// before the answer starts (see <see cref="AuditTrail"/> for the guarantee).
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditTrail trail, TimeProvider time)
{
    public const string ChangeIdKey = "pmo.change-id";

    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AccessRule>() is not { Action: { } action } rule) return next(http);
        var at = time.GetUtcNow();
        var target = rule.TargetOf(http.Request.RouteValues) ?? "";
        http.Response.OnStarting(() =>
        {
            var caller = Caller.From(http.User);
            return trail.RecordAsync(new AuditEntry
            {
                At = at,
                Sub = caller.Sub,
                Roles = [.. caller.Roles],
                Action = action,
                Target = target,
                Status = http.Response.StatusCode,
                ChangeId = http.Items.TryGetValue(ChangeIdKey, out var id) ? id as string : null,
            });
        });
        return next(http);
    }
}
