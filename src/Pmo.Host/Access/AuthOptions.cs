namespace Pmo.Host.Access;

/// <summary>
/// How callers prove who they are (configuration section "Pmo:Auth"; CONTRACT.md "Who may see and change what").
/// Neither a signing key nor an authority: authentication is off, which the host allows on loopback only.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Pmo:Auth";
    public const string DefaultIssuer = "pmo-grains";

    /// <summary>Base64 of at least 32 bytes: the shared HS256 key that signs local tokens (the token verb).</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = DefaultIssuer;

    public string Audience { get; set; } = DefaultIssuer;

    /// <summary>An OpenID Connect authority whose discovery document supplies the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The dashboard's client id at the authority: with it (and an authority), the dashboard signs people
    /// in through the identity provider (<see cref="ProviderSignIn"/>); without it, callers bring bearer tokens.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client's secret, when the provider registers the dashboard as a confidential client (PKCE is used either way).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for at sign-in, separated by spaces or commas; <c>openid</c> is always asked for.</summary>
    public string Scopes { get; set; } = DefaultScopes;

    public const string DefaultScopes = "openid profile";

    public bool SignsInWithProvider => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public IReadOnlyList<string> ScopeList =>
        ["openid", .. Scopes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s != "openid").Distinct(StringComparer.Ordinal)];

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningKey) || !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The decoded shared key, or why it cannot be used.</summary>
    public (byte[]? Key, string? Problem) DecodeSigningKey()
    {
        if (string.IsNullOrWhiteSpace(SigningKey)) return (null, "no signing key is configured");
        try
        {
            var key = Convert.FromBase64String(SigningKey.Trim());
            return key.Length >= 32 ? (key, null) : (null, $"the signing key has {key.Length} bytes; HS256 needs at least 32");
        }
        catch (FormatException)
        {
            return (null, "the signing key is not base64");
        }
    }

    public static AuthOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AuthOptions>() ?? new AuthOptions();
}
