using Microsoft.AspNetCore.Http.HttpResults;
using Pmo.Host.Api;

namespace Pmo.Host.Access;

/// <summary>
/// Judges every API call by its endpoint's <see cref="AccessRule"/>: scope first (a project or portfolio
/// outside the caller's scope answers 404 exactly as an unknown one), then the role (403). pmo is never
/// looked up, so an unlimited caller pays nothing for the check.
/// </summary>
public sealed class AccessFilter(PortfolioAccess access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var rule = http.GetEndpoint()?.Metadata.GetMetadata<AccessRule>()
            ?? throw new InvalidOperationException("An endpoint with the access filter has no access rule.");
        var caller = Caller.From(http.User);
        if (!caller.MayRead) return AccessAnswers.Forbidden();
        if (!caller.IsPmo && await OutOfScope(rule, http) is { } hidden) return hidden;
        if (!rule.ScopedByBody && !rule.Allows(caller)) return AccessAnswers.Forbidden();
        return await next(context);
    }

    private async Task<IResult?> OutOfScope(AccessRule rule, HttpContext http)
    {
        var id = http.Request.RouteValues["id"] as string ?? "";
        switch (rule.Target)
        {
            case Target.Project or Target.Task:
                return await access.CanSeeProject(http.User, id) ? null : AccessAnswers.UnknownProject(id);
            case Target.Portfolio:
                return await access.CanSeePortfolio(http.User, id) ? null : AccessAnswers.UnknownPortfolio(id);
            case Target.PortfolioOrNew:
                var scope = await access.ScopeOf(http.User);
                return !scope.Tree.Contains(id) || scope.SeesPortfolio(id) ? null : AccessAnswers.UnknownPortfolio(id);
            default:
                return null;
        }
    }
}

/// <summary>The answers access rules give: the same words an unknown id gets, so scope does not leak.</summary>
public static class AccessAnswers
{
    public static ProblemHttpResult Forbidden() =>
        TypedResults.Problem("Your role may not do this here.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static IResult UnknownProject(string id) => Problems.NotFound($"Project '{id}' does not exist.");

    public static IResult UnknownPortfolio(string id) => Problems.NotFound($"Portfolio '{id}' does not exist.");

    /// <summary>A 400 naming the body fields whose ids are unknown or outside the scope, worded as the catalog words unknown ids.</summary>
    public static IResult UnknownInBody(IReadOnlyList<(string Field, string Message)> problems) => Problems.Invalid(problems);
}

public static class AccessEndpointExtensions
{
    /// <summary>A query any signed-in role may make about what its path names.</summary>
    public static TBuilder Reads<TBuilder>(this TBuilder builder, Target target = Target.None) where TBuilder : IEndpointConventionBuilder =>
        builder.Rule(new AccessRule(Right.Read, target));

    /// <summary>A command: audited as <paramref name="action"/>, rate-limited per caller.</summary>
    public static TBuilder Command<TBuilder>(this TBuilder builder, string action, Target target, Right right = Right.Command, bool scopedByBody = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Rule(new AccessRule(right, target, action, scopedByBody)).RequireRateLimiting(AccessSetup.CommandRatePolicy).Refusing(target);

    /// <summary>
    /// Inside the access filter: a command's bad body, broken rule or out-of-scope body ids answer here (see
    /// <see cref="CommandFilter"/>). The answer type (CommandAnswer) tells OpenAPI of the 202; the problems a
    /// command can answer are listed here, so that a client generated from the document knows them all.
    /// </summary>
    private static TBuilder Refusing<TBuilder>(this TBuilder builder, Target target) where TBuilder : IEndpointConventionBuilder
    {
        if (builder is not RouteHandlerBuilder handler) return builder;
        handler.AddEndpointFilter<CommandFilter>();
        foreach (var status in CommandProblems)
            // An import names no stored grain it could miss: what it refers to is in the document (400).
            if (status != StatusCodes.Status404NotFound || target != Target.Import) handler.ProducesProblem(status);
        return builder;
    }

    /// <summary>
    /// Invalid, unauthenticated, out of scope or role, unknown id, conflict (a cycle, a portfolio not empty), body
    /// too large or not JSON, rate limit, overload or part of the cluster unreachable (both with Retry-After).
    /// </summary>
    private static readonly int[] CommandProblems =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
        StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable,
    ];

    /// <summary>A query for pmo alone.</summary>
    public static TBuilder PmoReads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Rule(new AccessRule(Right.Pmo, Target.None));

    private static TBuilder Rule<TBuilder>(this TBuilder builder, AccessRule rule) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(rule).RequireAuthorization(AccessSetup.SignedInPolicy);
        if (builder is RouteHandlerBuilder handler) handler.AddEndpointFilter<AccessFilter>();
        else throw new InvalidOperationException("Access rules apply to route handlers.");
        return builder;
    }
}
