using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.Tokens;
using Pmo.Host.Hosting;

namespace Pmo.Host.Access;

/// <summary>
/// Who may see and change what (CONTRACT.md): JWT bearer authentication (a shared HS256 key or an OpenID
/// Connect authority, whose dashboard sign-in is <see cref="ProviderSignIn"/> when a client id is given) or,
/// with neither, every caller as pmo on loopback only; the signed-in policy on every endpoint; the per-caller
/// command rate.
/// </summary>
public static class AccessSetup
{
    public const string SignedInPolicy = "signed-in";
    public const string PmoPolicy = "pmo";
    public const string CommandRatePolicy = "commands";
    public const string HubPath = "/hubs/portfolio";

    /// <summary>The dashboard's sign-in cookie: the raw token, read by the bearer handler when no Authorization header came.</summary>
    public const string CookieName = "pmo-token";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Registers authentication and authorisation; an exit code when the host must not start (off-loopback
    /// without authentication, or an unusable key), after saying why on standard error.</summary>
    public static int? AddPmoAccess(this WebApplicationBuilder builder)
    {
        var auth = AuthOptions.From(builder.Configuration);
        var urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : PmoHostOptions.DefaultUrl;
        if (!auth.Enabled && ListenAddresses.OffLoopback(urls) is { Count: > 0 } exposed)
        {
            Console.Error.WriteLine(
                $"Refusing to listen on {string.Join(", ", exposed)} with authentication off: anyone who can reach it would be pmo. " +
                "Configure --auth-signing-key <base64 of at least 32 bytes> (or PMO_AUTH_SIGNING_KEY, Pmo:Auth:SigningKey) " +
                "or --auth-authority <OpenID Connect authority URL> with --auth-audience, or listen on localhost only.");
            return 2;
        }
        if (!string.IsNullOrWhiteSpace(auth.ClientId) && string.IsNullOrWhiteSpace(auth.Authority))
        {
            Console.Error.WriteLine("--auth-client-id names the dashboard at an identity provider: give --auth-authority <OpenID Connect authority URL> too.");
            return 2;
        }
        byte[]? key = null;
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            (key, var problem) = auth.DecodeSigningKey();
            if (key is null)
            {
                Console.Error.WriteLine($"Cannot use --auth-signing-key: {problem}. Give base64 of at least 32 random bytes (openssl rand -base64 32).");
                return 2;
            }
        }

        var services = builder.Services;
        services.AddSingleton(auth);
        services.AddHostedService(sp => new AccessAnnouncement(auth, urls, sp.GetRequiredService<ILogger<AccessAnnouncement>>()));
        var authentication = services.AddAuthentication(
            !auth.Enabled ? LocalPmoHandler.SchemeName : auth.SignsInWithProvider ? ProviderSignIn.SelectScheme : JwtBearerDefaults.AuthenticationScheme);
        if (auth.Enabled) authentication.AddJwtBearer(jwt => ConfigureBearer(jwt, auth, key));
        else authentication.AddScheme<AuthenticationSchemeOptions, LocalPmoHandler>(LocalPmoHandler.SchemeName, null);
        if (auth.SignsInWithProvider) authentication.AddProviderSignIn(auth, IsLoopbackHttp(auth.Authority));

        services.AddAuthorizationBuilder()
            .AddPolicy(SignedInPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(PmoPolicy, p => p.RequireAuthenticatedUser().RequireClaim(PmoClaims.Role, PmoClaims.Pmo))
            // Anything mapped without a rule of its own still needs a signed-in caller.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddSingleton<PortfolioAccess>();
        services.AddSingleton<BodyScope>();
        services.AddSingleton<AccessFilter>();
        services.AddSingleton<Api.CommandFilter>();
        services.AddHttpContextAccessor();
        services.AddSingleton<Audit.IAuditStore, Audit.MemoryAuditStore>();
        services.AddSingleton<Audit.AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<Audit.AuditTrail>());
        services.AddPmoRateLimits(builder.Configuration);
        return null;
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, AuthOptions auth, byte[]? key)
    {
        // Keep "sub" and "role" as the token names them rather than mapped to long WS-* claim types.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            NameClaimType = PmoClaims.Subject,
            RoleClaimType = PmoClaims.Role,
            ValidAudience = auth.Audience,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
        };
        if (key is not null)
        {
            jwt.TokenValidationParameters.ValidIssuer = auth.Issuer;
            jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key);
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            // Keys and issuer come from the authority's discovery document.
            jwt.Authority = auth.Authority;
            jwt.Audience = auth.Audience;
            jwt.RequireHttpsMetadata = !IsLoopbackHttp(auth.Authority);
        }
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                var request = context.Request;
                if (request.Headers.Authorization.Count > 0) return Task.CompletedTask;
                // Browsers cannot set headers on a WebSocket: the hub, and only the hub, takes the token from the query.
                if (request.Path.StartsWithSegments(HubPath) && request.Query["access_token"] is { Count: > 0 } query) context.Token = query[0];
                else if (request.Cookies[CookieName] is { Length: > 0 } cookie) context.Token = cookie;
                return Task.CompletedTask;
            },
            // A person opening a dashboard page is sent to sign in; a program gets the 401 it expects.
            OnChallenge = context =>
            {
                var request = context.Request;
                if (!HttpMethods.IsGet(request.Method) || request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments(HubPath)
                    || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
                    return Task.CompletedTask;
                context.HandleResponse();
                context.Response.Redirect($"/signin?returnUrl={Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString)}");
                return Task.CompletedTask;
            },
        };
    }

    private static bool IsLoopbackHttp(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    private static IServiceCollection AddPmoRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Pmo:RateLimit:PermitsPerSecond", 10_000);
        if (permits < 1) permits = 1;
        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One bucket per sub; unauthenticated callers (refused anyway) share one.
            limits.AddPolicy(CommandRatePolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                Caller.From(http.User).Sub ?? "",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permits,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limits.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem($"Too many commands from this caller; retry after {retry} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>Routing, then the audit (so that it sees every refusal), authentication, the rate limit, authorisation.</summary>
    public static WebApplication UsePmoAccess(this WebApplication app)
    {
        app.UseRouting();
        app.UseMiddleware<Audit.AuditMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}

/// <summary>Says how callers are authenticated, among the first lines the host writes.</summary>
internal sealed class AccessAnnouncement(AuthOptions auth, string urls, ILogger<AccessAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!auth.Enabled) AccessLog.AuthenticationOff(logger, urls);
        else if (!string.IsNullOrWhiteSpace(auth.SigningKey)) AccessLog.SharedKey(logger, auth.Issuer, auth.Audience);
        else AccessLog.Authority(logger, auth.Authority!, auth.Audience);
        if (auth.SignsInWithProvider) AccessLog.ProviderSignIn(logger, auth.ClientId!, ProviderSignIn.CallbackPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
