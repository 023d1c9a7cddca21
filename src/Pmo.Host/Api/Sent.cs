using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Pmo.Contracts.Commands;
using Pmo.Host.Hosting;

namespace Pmo.Host.Api;

/// <summary>A command as a request sent it, or the answer to a body that could not be read as one.</summary>
public interface ISentCommand
{
    /// <summary>Null exactly when <see cref="Unreadable"/> is set.</summary>
    IPmoCommand? Command { get; }

    /// <summary>Problem details for a body that is missing, malformed, too large or of the wrong type.</summary>
    IResult? Unreadable { get; }
}

/// <summary>
/// Binds a command record from its path and its JSON body (read by <see cref="JsonBody"/>, so every bad body
/// answers in plain words). A bad body does not answer here: <see cref="CommandFilter"/> answers it after the
/// access rules, so that a caller outside the scope hears 404 whatever they sent.
/// </summary>
public sealed class Sent<T> : ISentCommand, IBindableFromHttpContext<Sent<T>>, IEndpointParameterMetadataProvider
    where T : class, IRoutedCommand<T>
{
    private readonly T? _value;

    private Sent(T? value, IResult? unreadable) => (_value, Unreadable) = (value, unreadable);

    /// <summary>The command; handlers only run when it was read (the filter answers otherwise).</summary>
    public T Value => _value ?? throw new InvalidOperationException("A command that could not be read reached its handler.");

    public IPmoCommand? Command => _value;

    public IResult? Unreadable { get; }

    public static async ValueTask<Sent<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var route = context.Request.RouteValues;
        var path = new CommandPath(route["id"] as string ?? "", route["taskId"] as string);
        if (!T.HasBody) return new(T.FromRequest(null, path), null);
        var limit = context.RequestServices.GetRequiredService<PmoHostOptions>().MaxCommandBytes;
        var body = await JsonBody.Read<T>(context, limit);
        return body.Error is { } error ? new(null, error) : new(T.FromRequest(body.Value, path), null);
    }

    /// <summary>OpenAPI describes the request body from the record itself.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        if (T.HasBody) builder.Metadata.Add(new AcceptsJson(typeof(T)));
    }

    private sealed record AcceptsJson(Type RequestType) : IAcceptsMetadata
    {
        public IReadOnlyList<string> ContentTypes { get; } = ["application/json"];
        public bool IsOptional => false;
    }
}
