using Pmo.Host.Access;

namespace Pmo.Host.Api;

/// <summary>
/// The one place where a command is refused before it reaches its grain, in this order: a body that could
/// not be read, the command's own rules (Pmo.Domain.Commands), then — for commands whose body names
/// projects or portfolios — whether those are in the caller's scope. Runs inside <see cref="AccessFilter"/>,
/// which has judged the path. Every refusal is problem details naming the field.
/// </summary>
public sealed class CommandFilter(BodyScope scope) : IEndpointFilter
{
    public const string SubjectsKey = "pmo.change-subjects";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<ISentCommand>().FirstOrDefault() is not { } sent) return await next(context);
        if (sent.Unreadable is { } unreadable) return unreadable;
        var command = sent.Command!;
        if (command.Check() is { } refusal) return Problems.From(refusal);

        var http = context.HttpContext;
        var names = command.Names();
        if (http.GetEndpoint()?.Metadata.GetMetadata<AccessRule>() is { ScopedByBody: true }
            && await scope.Check(http, names.Projects, names.Portfolios) is { } refused)
            return refused;
        // What the change is about, for judging later who may read it (see ChangeIssuer).
        http.Items[SubjectsKey] = command.Subjects();
        return await next(context);
    }
}
