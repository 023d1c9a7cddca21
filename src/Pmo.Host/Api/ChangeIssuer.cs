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
public sealed class ChangeIssuer(IGrainFactory grains, TimeProvider time, CommandAdmission admission, IHttpContextAccessor http)
{
    /// <param name="command">Hands the change to its grain; a refusal means nothing changed.</param>
    /// <param name="watchSettling">Whether overload control waits for this change (see <see cref="CommandAdmission"/>).</param>
    public async Task<CommandAnswer> Issue(Func<Ripple, Task<Refusal?>> command, bool watchSettling = true)
    {
        if (!admission.TryAdmit(out var retryAfter)) return Problems.Overloaded(retryAfter);
        var (changeId, refusal) = await Run(command, watchSettling);
        return refusal switch
        {
            null => TypedResults.Accepted($"/api/changes/{changeId}", new ChangeAccepted(changeId)),
            { Kind: RefusalKind.Invalid } => Problems.InvalidFrom(refusal),
            _ => Problems.ProblemFrom(refusal),
        };
    }

    /// <summary>
    /// The command path itself, for callers inside the host (the simulation clock): the same changeId,
    /// grain call, accept and metrics as an API command, without the HTTP answer. Such callers send one
    /// command at a time, so they are not asked to wait by overload control, but their changes count in it.
    /// </summary>
    public async Task<(string ChangeId, Refusal? Refusal)> Run(Func<Ripple, Task<Refusal?>> command, bool watchSettling = true)
    {
        var acceptedAt = time.GetUtcNow();
        var changeId = ChangeIds.New(acceptedAt);
        var refusal = await command(Ripple.Root(changeId));
        if (refusal is not null)
        {
            PmoMetrics.CommandsRefused.Add(1, new KeyValuePair<string, object?>("kind", refusal.Kind.ToString()));
            return (changeId, refusal);
        }
        // Watched before Accept: the settlement can only be announced after it.
        if (watchSettling) admission.Track(changeId);
        await grains.GetGrain<IChangeGrain>(changeId).Accept(acceptedAt, Origin());
        if (http.HttpContext is { } context) context.Items[AuditMiddleware.ChangeIdKey] = changeId;
        PmoMetrics.CommandsAccepted.Add(1);
        return (changeId, null);
    }

    private ChangeOrigin Origin()
    {
        if (http.HttpContext is not { } context) return new ChangeOrigin();
        // Named by the command (CommandFilter); an import names nothing, so only pmo reads it.
        var subjects = context.Items.TryGetValue(CommandFilter.SubjectsKey, out var named) && named is string[] ofCommand ? ofCommand : [];
        return new ChangeOrigin { By = Caller.From(context.User).Sub, Subjects = subjects };
    }
}

public sealed record ChangeAccepted(string ChangeId);
