using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Pmo.Host.Access;

/// <summary>
/// The dashboard's sign-in with a shared key: a server-rendered form takes a token from the token verb,
/// checks it exactly as the bearer handler would, and keeps it in an HTTP-only, SameSite=Strict cookie
/// (<see cref="AccessSetup.CookieName"/>) that the bearer handler reads when no Authorization header came.
/// With an identity provider (<see cref="ProviderSignIn"/>) the same page offers a button that goes there,
/// and sign-out ends the provider's session as well.
/// </summary>
public static class SignInEndpoints
{
    public const string SignInPath = "/signin";

    public static void MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, (string? returnUrl, bool? signedOut, bool? failed, AuthOptions auth) =>
                auth.SignsInWithProvider
                    ? ProviderPage(Local(returnUrl), failed == true ? "Sign-in at the identity provider did not complete; try again."
                        : signedOut == true ? "You are signed out." : null)
                    : Page(Local(returnUrl), auth.Enabled ? null : "Authentication is off on this host: everyone is pmo and no sign-in is needed.", StatusCodes.Status200OK))
            .AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/signin", async (HttpContext http, AuthOptions auth, IOptionsMonitor<JwtBearerOptions> bearer, TimeProvider time) =>
        {
            if (!SameOrigin(http)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = Local(form["returnUrl"]);
            if (auth.SignsInWithProvider)
                return Results.Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = returnUrl }, [ProviderSignIn.ProviderScheme]);
            var token = form["token"].ToString().Trim();
            if (string.IsNullOrWhiteSpace(auth.SigningKey))
                return Page(returnUrl, "This host signs in through its identity provider, not with a pasted token.", StatusCodes.Status400BadRequest);
            if (token.Length is 0 or > 16 * 1024) return Page(returnUrl, "Paste the token the token verb printed.", StatusCodes.Status400BadRequest);
            var parameters = bearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
            if (!result.IsValid) return Page(returnUrl, "That token was not accepted (expired, or not signed for this service).", StatusCodes.Status400BadRequest);
            var expires = result.SecurityToken is JsonWebToken jwt ? new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) : time.GetUtcNow().AddHours(1);
            http.Response.Cookies.Append(AccessSetup.CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = "/",
                Expires = expires,
                IsEssential = true,
            });
            return Results.Redirect(returnUrl);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        app.MapPost("/signout", async (HttpContext http, AuthOptions auth) =>
        {
            if (!SameOrigin(http)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            http.Response.Cookies.Delete(AccessSetup.CookieName, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true });
            if (!auth.SignsInWithProvider) return Results.Redirect(SignInPath);
            await ProviderSignIn.SignOutAsync(http, SignInPath + "?signedOut=true");
            return Results.Empty;
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>Only a path on this host: "//evil.example" and "/\evil.example" are other hosts to a browser.</summary>
    public static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";

    /// <summary>A browser names the page's origin on a cross-site POST; one from elsewhere is refused.</summary>
    private static bool SameOrigin(HttpContext http) =>
        http.Request.Headers.Origin is not { Count: > 0 } origin
        || (Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var uri) && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase));

    private static IResult Page(string returnUrl, string? message, int status) => Html(message, status, $"""
        <form method="post" action="/signin">
        <label for="token">Access token</label>
        <textarea id="token" name="token" rows="6" cols="80" required autocomplete="off"></textarea>
        <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
        <button type="submit">Sign in</button>
        </form>
        <p>Get a token with <code>dotnet run --project src/Pmo.Host -- token --sub NAME --role viewer --portfolio ID</code>.</p>
        """);

    /// <summary>With an identity provider: one button, because a page opened after sign-out must not sign straight back in.</summary>
    private static IResult ProviderPage(string returnUrl, string? message) => Html(message, StatusCodes.Status200OK, $"""
        <form method="post" action="/signin">
        <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
        <button type="submit">Sign in with your identity provider</button>
        </form>
        """);

    private static IResult Html(string? message, int status, string form)
    {
        var note = message is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(message)}</p>";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in · Pmo.Grains</title></head>
            <body>
            <main>
            <h1>Sign in to Pmo.Grains</h1>
            {note}
            {form}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
