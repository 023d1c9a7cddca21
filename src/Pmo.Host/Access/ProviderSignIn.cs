using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Pmo.Host.Access;

/// <summary>
/// The dashboard's sign-in through an identity provider (an authority and a client id configured): OpenID
/// Connect's authorization code flow with PKCE, the result kept in an HTTP-only session cookie. Programs keep
/// JWT bearer: a policy scheme sends <c>/api</c>, the hub and any request with an Authorization header to the
/// bearer handler (which answers 401) and everything else to the session, whose challenge goes to the provider.
/// The session holds the id_token's (and userinfo's) <c>sub</c>, <c>role</c> and <c>portfolios</c> under the
/// names the bearer tokens use, so <see cref="Caller"/> and the dashboard's scope read both alike.
/// </summary>
public static class ProviderSignIn
{
    public const string SelectScheme = "pmo-bearer-or-session";
    public const string SessionScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string ProviderScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SessionCookieName = "pmo-session";
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    public static AuthenticationBuilder AddProviderSignIn(this AuthenticationBuilder authentication, AuthOptions auth, bool loopbackHttp)
    {
        authentication.AddPolicyScheme(SelectScheme, null, policy =>
            policy.ForwardDefaultSelector = http => IsProgramCall(http.Request) ? JwtBearerDefaults.AuthenticationScheme : SessionScheme);
        authentication.AddCookie(SessionScheme, session =>
        {
            session.Cookie.Name = SessionCookieName;
            session.Cookie.HttpOnly = true;
            // Lax, not Strict: the way back from the provider is a cross-site redirect, and the page it lands on must see the session.
            session.Cookie.SameSite = SameSiteMode.Lax;
            session.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The session ends when the provider's id_token does (UseTokenLifetime), never extended behind its back.
            session.SlidingExpiration = false;
            session.ForwardChallenge = ProviderScheme;
            session.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        authentication.AddOpenIdConnect(ProviderScheme, oidc => Configure(oidc, auth, loopbackHttp));
        return authentication;
    }

    private static void Configure(OpenIdConnectOptions oidc, AuthOptions auth, bool loopbackHttp)
    {
        oidc.Authority = auth.Authority;
        oidc.RequireHttpsMetadata = !loopbackHttp;
        oidc.ClientId = auth.ClientId;
        oidc.ClientSecret = string.IsNullOrWhiteSpace(auth.ClientSecret) ? null : auth.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back on a plain redirect (RFC 6749's default), so the correlation cookies can be Lax.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.SignInScheme = SessionScheme;
        oidc.SignOutScheme = SessionScheme;
        oidc.CallbackPath = CallbackPath;
        oidc.SignedOutCallbackPath = SignedOutCallbackPath;
        oidc.Scope.Clear();
        foreach (var scope in auth.ScopeList) oidc.Scope.Add(scope);
        // Keep "sub", "role" and "portfolios" as the provider names them, exactly as the bearer handler does.
        oidc.MapInboundClaims = false;
        oidc.TokenValidationParameters.NameClaimType = PmoClaims.Subject;
        oidc.TokenValidationParameters.RoleClaimType = PmoClaims.Role;
        // Some providers put roles only in userinfo; a JSON array there becomes one claim per value, as in a token.
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.ClaimActions.MapJsonKey(PmoClaims.Role, PmoClaims.Role);
        oidc.ClaimActions.MapJsonKey(PmoClaims.Portfolios, PmoClaims.Portfolios);
        // The id_token travels in the session for sign-out's id_token_hint.
        oidc.SaveTokens = true;
        oidc.UseTokenLifetime = true;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.Events.OnRedirectToIdentityProvider = context =>
        {
            // A person opening a page (or pressing "sign in") goes to the provider; a script or asset fetch gets 401.
            if (!IsPersonNavigating(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.HandleResponse();
            }
            return Task.CompletedTask;
        };
        // A refused or forged callback (consent denied, state or code not ours) is a sign-in that did not happen, not a 500.
        oidc.Events.OnRemoteFailure = context =>
        {
            AccessLog.ProviderSignInFailed(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProviderSignIn)),
                context.Failure?.Message ?? "unknown");
            context.Response.Redirect(SignInEndpoints.SignInPath + "?failed=true");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>The API and the hub are called by programs with bearer tokens, never by a session cookie.</summary>
    public static bool IsProgramCall(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments(AccessSetup.HubPath) || request.Headers.Authorization.Count > 0;

    private static bool IsPersonNavigating(HttpRequest request) =>
        request.Path.StartsWithSegments(SignInEndpoints.SignInPath)
        || (HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>Ends the session here and, when the provider has an end_session_endpoint, there too; then back to the sign-in page.</summary>
    public static async Task SignOutAsync(HttpContext http, string signedOutPage)
    {
        var oidc = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(ProviderScheme);
        OpenIdConnectConfiguration? provider = null;
        try
        {
            if (oidc.ConfigurationManager is { } manager) provider = await manager.GetConfigurationAsync(http.RequestAborted);
        }
        catch (InvalidOperationException)
        {
            // The provider cannot be reached: signing out here still ends the session on this host.
        }
        // The provider's sign-out reads the id_token from the session, so it goes first; the handler throws without an endpoint.
        if (!string.IsNullOrEmpty(provider?.EndSessionEndpoint))
            await http.SignOutAsync(ProviderScheme, new AuthenticationProperties { RedirectUri = signedOutPage });
        else
            http.Response.Redirect(signedOutPage);
        await http.SignOutAsync(SessionScheme);
    }
}
