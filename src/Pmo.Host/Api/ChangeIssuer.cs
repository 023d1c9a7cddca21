using Pmo.Contracts;
using Pmo.Domain.Catalog;
using Pmo.Grains.Hosting;
using Pmo.Host.Access;
using Pmo.Host.Audit;

namespace Pmo.Host.Api;

/// <summary>
/// Runs a command as a change: gives it a changeId, hands it to its grain, and answers 202 with the
/// changeId once the grain has accepted it (or the refusal as problem details). The change remembers
/// who sent it and what its command named, so that GET /api/changes/{id} answers only those who may see it.
/// </summary>
public sealed class ChangeIssuer(IGrainFactory grains, TimeProvider time, IHttpContextAccessor http)
{
    public async Task<IResult> Issue(Func<Ripple, Task<Refusal?>> command)
    {
        var acceptedAt = time.GetUtcNow();
        // Version 7 ids sort by time, which keeps logs and change lists readable.
        var changeId = $"c-{Guid.CreateVersion7(acceptedAt):N}";
        var refusal = await command(Ripple.Root(changeId));
        if (refusal is not null)
        {
            PmoMetrics.CommandsRefused.Add(1, new KeyValuePair<string, object?>("kind", refusal.Kind.ToString()));
            return Problems.From(refusal);
        }
        await grains.GetGrain<IChangeGrain>(changeId).Accept(acceptedAt, Origin());
        if (http.HttpContext is { } context) context.Items[AuditMiddleware.ChangeIdKey] = changeId;
        PmoMetrics.CommandsAccepted.Add(1);
        return TypedResults.Accepted($"/api/changes/{changeId}", new ChangeAccepted(changeId));
    }

    private ChangeOrigin Origin()
    {
        if (http.HttpContext is not { } context) return new ChangeOrigin();
        var subjects = context.Items.TryGetValue(BodyScope.ChangeSubjectsKey, out var named) && named is string[] fromBody
            ? fromBody
            : context.GetEndpoint()?.Metadata.GetMetadata<AccessRule>()?.SubjectsOf(context.Request.RouteValues) ?? [];
        return new ChangeOrigin { By = Caller.From(context.User).Sub, Subjects = subjects };
    }
}

public sealed record ChangeAccepted(string ChangeId);
