using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>
/// A test double of an OpenID Connect provider, written for these tests (not copied from any provider): a
/// Kestrel minimal API on a free loopback port with a discovery document, a JWKS holding one RSA key,
/// <c>/authorize</c> that signs <see cref="User"/> in at once and redirects back with a code, <c>/token</c> that
/// checks the PKCE verifier and answers an RS256 id_token and access token carrying the user's <c>role</c>
/// and <c>portfolios</c>, and (optionally) <c>/end-session</c>. It records what it was asked, so tests can
/// assert on the protocol rather than on timing.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "pmo-dashboard";
    public const string Audience = Tokens.Audience;
    private const string KeyId = "fake-provider-key";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = KeyId };
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentQueue<string> _accessTokens = new();
    private readonly ConcurrentQueue<IQueryCollection> _endSessions = new();

    private FakeIdentityProvider(WebApplication app, PmoUser user)
    {
        _app = app;
        User = user;
    }

    /// <summary>Who <c>/authorize</c> signs in (there is no login form: the provider "knows" the browser).</summary>
    public PmoUser User { get; set; }

    /// <summary>The issuer and authority, without a trailing slash: <c>http://127.0.0.1:{port}</c>.</summary>
    public Uri Authority { get; private set; } = null!;

    private string Issuer => Authority.GetLeftPart(UriPartial.Authority);

    /// <summary>Access tokens handed out by <c>/token</c>, oldest first.</summary>
    public IReadOnlyCollection<string> IssuedAccessTokens => _accessTokens;

    /// <summary>The query of every <c>/end-session</c> request.</summary>
    public IReadOnlyCollection<IQueryCollection> EndSessions => _endSessions;

    /// <summary>The host arguments that make a host trust this provider and sign its dashboard in through it.</summary>
    public string[] HostArguments => ["--auth-authority", Issuer, "--auth-audience", Audience, "--auth-client-id", ClientId];

    public static async Task<FakeIdentityProvider> StartAsync(PmoUser user, bool endSession = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new FakeIdentityProvider(app, user);
        provider.Map(endSession);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Authority = new Uri(address);
        return provider;
    }

    /// <summary>An access token for the API, minted as /token would (for test set-up, such as a pmo importing).</summary>
    public string AccessToken(PmoUser user) => Sign(user, Audience, nonce: null);

    private void Map(bool endSession)
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["scopes_supported"] = new[] { "openid", "profile" },
            ["end_session_endpoint"] = endSession ? $"{Issuer}/end-session" : null!,
        }.Where(p => p.Value is not null).ToDictionary()));

        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = KeyId });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = jwk.N, e = jwk.E } } });
        });

        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
                return Results.BadRequest("client_id, response_type=code and an S256 code_challenge are required");
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
            _codes[code] = new Grant(User, q["redirect_uri"].ToString(), q["nonce"].ToString(), q["code_challenge"].ToString());
            return Results.Redirect($"{q["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}");
        });

        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
                return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
            if (challenge != grant.CodeChallenge || form["redirect_uri"] != grant.RedirectUri)
                return Results.Json(new { error = "invalid_grant", error_description = "PKCE verifier or redirect_uri mismatch" }, statusCode: StatusCodes.Status400BadRequest);
            var access = Sign(grant.User, Audience, nonce: null);
            _accessTokens.Enqueue(access);
            return Results.Json(new { access_token = access, id_token = Sign(grant.User, ClientId, grant.Nonce), token_type = "Bearer", expires_in = 3600 });
        }).DisableAntiforgery();

        _app.MapGet("/end-session", (HttpRequest request) =>
        {
            _endSessions.Enqueue(request.Query);
            var back = request.Query["post_logout_redirect_uri"].ToString();
            return back.Length == 0 ? Results.Ok("signed out") : Results.Redirect($"{back}?state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
    }

    private string Sign(PmoUser user, string audience, string? nonce)
    {
        var claims = new Dictionary<string, object> { ["sub"] = user.Sub, ["role"] = user.Roles };
        if (user.Portfolios.Length > 0) claims["portfolios"] = user.Portfolios;
        if (!string.IsNullOrEmpty(nonce)) claims["nonce"] = nonce;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }

    private sealed record Grant(PmoUser User, string RedirectUri, string Nonce, string CodeChallenge);
}

/// <summary>A person at the identity provider, with the claims the host reads.</summary>
public sealed record PmoUser(string Sub, string[] Roles, string[] Portfolios)
{
    public static PmoUser Manager(string sub, params string[] portfolios) => new(sub, ["portfolio-manager"], portfolios);

    public static PmoUser Pmo(string sub = "boss") => new(sub, ["pmo"], []);
}
