using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pmo.Host.Access;
using Pmo.Host.Hosting;

namespace Pmo.Host.Tests.Access;

/// <summary>
/// Every endpoint the host maps, read from its endpoint data sources (the app is built, never run): each one
/// either carries an authorization policy or is explicitly anonymous, so a new endpoint cannot ship
/// unprotected; and every /api endpoint carries an access rule (scope, role, audit).
/// </summary>
public sealed class EndpointCoverageTests
{
    /// <summary>The host's endpoints, as the real host maps them (with authentication on).</summary>
    public static IReadOnlyList<RouteEndpoint> MappedEndpoints()
    {
        var builder = WebApplication.CreateBuilder(HostArguments.Normalize(["--no-demo", .. Infrastructure.Tokens.HostArguments]));
        var options = builder.AddPmoOptions();
        Assert.Null(builder.AddPmoAccess());
        var app = PmoApplication.Build(builder, options);
        // The app's own data sources: the DI-wide composite fills only once the pipeline is built to run.
        return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()];
    }

    [Fact]
    public void Every_endpoint_has_an_authorization_policy_or_an_explicit_anonymous_mark()
    {
        var endpoints = MappedEndpoints();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints were found");
        var unprotected = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(e => $"{Describe(e)} ({e.DisplayName})")
            .ToList();
        Assert.True(unprotected.Count == 0, $"Endpoints with neither a policy nor AllowAnonymous: {string.Join(", ", unprotected)}");
    }

    [Fact]
    public void Every_api_endpoint_has_an_access_rule_and_only_probes_and_sign_in_pages_are_anonymous()
    {
        var endpoints = MappedEndpoints();
        var api = endpoints.Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(api);
        Assert.All(api, e => Assert.True(e.Metadata.GetMetadata<AccessRule>() is not null, $"{Describe(e)} has no access rule"));
        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText ?? "").ToList();
        Assert.All(anonymous, path => Assert.True(
            path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/signin", StringComparison.Ordinal) || path.StartsWith("/signout", StringComparison.Ordinal)
            || path.StartsWith("/docs", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal),
            $"{path} is anonymous"));
    }

    internal static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join('|', endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {endpoint.RoutePattern.RawText}";
}
