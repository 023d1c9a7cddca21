using Pmo.Contracts;
using Pmo.Domain.Catalog;
using Pmo.Grains.Hosting;

namespace Pmo.Host.Api;

/// <summary>
/// Runs a command as a change: gives it a changeId, hands it to its grain, and answers 202 with the
/// changeId once the grain has accepted it (or the refusal as problem details).
/// </summary>
public sealed class ChangeIssuer(IGrainFactory grains, TimeProvider time)
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
        await grains.GetGrain<IChangeGrain>(changeId).Accept(acceptedAt);
        PmoMetrics.CommandsAccepted.Add(1);
        return TypedResults.Accepted($"/api/changes/{changeId}", new ChangeAccepted(changeId));
    }
}

public sealed record ChangeAccepted(string ChangeId);
