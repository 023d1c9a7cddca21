using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>
/// Test tokens, minted here with Microsoft.IdentityModel.JsonWebTokens (not with the host's own code, so that
/// a bug in the token verb cannot hide a bug in validation). One random key per test run.
/// </summary>
public static class Tokens
{
    public const string Issuer = "pmo-grains";
    public const string Audience = "pmo-grains";

    public static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    public static string KeyBase64 => Convert.ToBase64String(Key);

    /// <summary>The host arguments that turn authentication on with <see cref="Key"/>.</summary>
    public static string[] HostArguments => ["--auth-signing-key", KeyBase64];

    public static string Pmo(string sub = "boss") => For(sub, ["pmo"], []);

    public static string Manager(string sub, params string[] portfolios) => For(sub, ["portfolio-manager"], portfolios);

    public static string Viewer(string sub, params string[] portfolios) => For(sub, ["viewer"], portfolios);

    public static string For(string sub, string[] roles, string[] portfolios, DateTime? expires = null, DateTime? notBefore = null,
        byte[]? key = null, string issuer = Issuer, string audience = Audience)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = sub, ["role"] = roles };
        if (portfolios.Length > 0) claims["portfolios"] = portfolios;
        var nbf = notBefore ?? now.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = nbf,
            NotBefore = nbf,
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The same claims with "alg": "none" and no signature.</summary>
    public static string Unsigned(string sub = "mallory")
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"sub\":\"{sub}\",\"role\":[\"pmo\"],\"iss\":\"{Issuer}\",\"aud\":\"{Audience}\",\"exp\":{exp}}}")}.";
    }

    /// <summary>A valid token with one character of its payload changed.</summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"viewer\"", "\"pmo\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }
}
