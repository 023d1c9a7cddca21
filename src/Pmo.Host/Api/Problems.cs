using Microsoft.AspNetCore.Http.HttpResults;
using Pmo.Domain.Catalog;

namespace Pmo.Host.Api;

/// <summary>RFC 9457 problem details for every refusal, with the bad fields named.</summary>
public static class Problems
{
    public static IResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, $"The request is not valid: {field}.");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.ValidationProblem(errors, detail, title: "Invalid request", extensions: extensions);

    /// <summary>A 400 naming each field with its problems, worded as the catalog words its refusals.</summary>
    public static IResult Invalid(IReadOnlyList<(string Field, string Message)> problems) =>
        Invalid(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            problems.Count == 1 ? "The request has 1 problem; nothing was changed." : $"The request has {problems.Count} problems; nothing was changed.");

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult TooLarge(long maxBytes) =>
        TypedResults.Problem($"The body is larger than the {maxBytes:N0} bytes this endpoint accepts.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

    /// <summary>503 with Retry-After: the service is up but will not take more work right now.</summary>
    public static RetryLater Unavailable(TimeSpan retryAfter, string detail) =>
        new RetryLater(TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable"), retryAfter);

    public static RetryLater Overloaded(TimeSpan retryAfter) =>
        Unavailable(retryAfter, "The service is settling the changes it has already accepted; send this command again shortly.");

    public static IResult UnsupportedMediaType() =>
        TypedResults.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    public static IResult From(Refusal refusal) =>
        refusal.Kind == RefusalKind.Invalid ? InvalidFrom(refusal) : ProblemFrom(refusal);

    /// <summary>400: bad input, the fields named.</summary>
    public static ValidationProblem InvalidFrom(Refusal refusal) =>
        Invalid(refusal.Errors.ToDictionary(e => e.Key, e => e.Value), refusal.Detail, Extensions(refusal));

    /// <summary>404 (an id in the path) or 409 (a conflict with stored state; any fields named under errors).</summary>
    public static ProblemHttpResult ProblemFrom(Refusal refusal)
    {
        var extensions = Extensions(refusal);
        var errors = refusal.Errors.ToDictionary(e => e.Key, e => e.Value);
        return refusal.Kind == RefusalKind.NotFound
            ? TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status404NotFound, title: "Not found", extensions: extensions)
            : TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                extensions: errors.Count > 0 ? new Dictionary<string, object?>(extensions) { ["errors"] = errors } : extensions);
    }

    private static Dictionary<string, object?> Extensions(Refusal refusal)
    {
        var extensions = new Dictionary<string, object?>();
        if (refusal.Cycle is { } cycle) extensions["cycle"] = cycle;
        if (refusal.Path is { } path) extensions["path"] = path;
        return extensions;
    }
}

/// <summary>Adds <c>Retry-After</c> (whole seconds, at least 1) to another result.</summary>
public sealed class RetryLater(IResult inner, TimeSpan retryAfter) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
