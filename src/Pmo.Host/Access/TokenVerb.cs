using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pmo.Host.Hosting;

namespace Pmo.Host.Access;

/// <summary>
/// <c>token --sub ana --role portfolio-manager --portfolio pf-a --minutes 60</c>: prints a bearer token signed
/// with the configured shared key (--auth-signing-key, PMO_AUTH_SIGNING_KEY or Pmo:Auth:SigningKey), for local
/// use, tests and the dashboard's sign-in page. --role and --portfolio may be repeated.
/// </summary>
public static class TokenVerb
{
    public const string Name = "token";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(string[] args, TimeProvider? time = null)
    {
        string? sub = null;
        var roles = new List<string>();
        var portfolios = new List<string>();
        var minutes = 60;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--sub": sub = Value(); break;
                case "--role": roles.Add(Value()); break;
                case "--portfolio": portfolios.Add(Value()); break;
                case "--minutes":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes < 1)
                        return Fail("--minutes must be a whole number of minutes >= 1.");
                    break;
                default: rest.Add(args[i]); break;
            }
        }
        if (string.IsNullOrWhiteSpace(sub)) return Fail("--sub is required (who the token is for).");
        if (roles.Count == 0) return Fail($"--role is required: {string.Join(", ", PmoClaims.Roles)}.");
        if (roles.FirstOrDefault(r => !PmoClaims.Roles.Contains(r)) is { } unknown) return Fail($"Unknown role '{unknown}': use {string.Join(", ", PmoClaims.Roles)}.");

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(HostArguments.Normalize([.. rest]))
            .Build();
        var auth = AuthOptions.From(configuration);
        var (key, problem) = auth.DecodeSigningKey();
        if (key is null) return Fail($"Cannot sign a token: {problem}. Give --auth-signing-key <base64 of at least 32 bytes> or set PMO_AUTH_SIGNING_KEY.");

        Console.WriteLine(Mint(key, auth.Issuer, auth.Audience, sub, roles, portfolios, (time ?? TimeProvider.System).GetUtcNow(), TimeSpan.FromMinutes(minutes)));
        return 0;
    }

    /// <summary>An HS256 token with the contract's claims (role and portfolios as JSON arrays).</summary>
    public static string Mint(byte[] key, string issuer, string audience, string sub, IReadOnlyList<string> roles,
        IReadOnlyList<string> portfolios, DateTimeOffset now, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object>
        {
            [PmoClaims.Subject] = sub,
            [PmoClaims.Role] = roles.ToArray(),
        };
        if (portfolios.Count > 0) claims[PmoClaims.Portfolios] = portfolios.ToArray();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
