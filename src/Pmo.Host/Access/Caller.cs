using System.Security.Claims;

namespace Pmo.Host.Access;

/// <summary>
/// Who is asking, read once from a <see cref="ClaimsPrincipal"/>: the <c>sub</c>, the known roles, and the
/// portfolios granted to a portfolio manager or viewer (each with its whole subtree).
/// </summary>
public sealed record Caller(string? Sub, IReadOnlyList<string> Roles, IReadOnlyList<string> Portfolios)
{
    public static readonly Caller Anonymous = new(null, [], []);

    public bool IsPmo => Roles.Contains(PmoClaims.Pmo);

    /// <summary>May send the commands about its scope (slip, budget, moves inside it, ...).</summary>
    public bool MayCommand => IsPmo || Roles.Contains(PmoClaims.PortfolioManager);

    /// <summary>Holds any role at all; a token without one reads nothing.</summary>
    public bool MayRead => Roles.Count > 0;

    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Anonymous;
        var roles = user.FindAll(PmoClaims.Role).Select(c => c.Value).Where(PmoClaims.Roles.Contains).Distinct().ToArray();
        var portfolios = user.FindAll(PmoClaims.Portfolios).Select(c => c.Value).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        return new Caller(user.FindFirst(PmoClaims.Subject)?.Value, roles, portfolios);
    }
}
