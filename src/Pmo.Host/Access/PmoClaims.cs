namespace Pmo.Host.Access;

/// <summary>The claims and roles of CONTRACT.md: who (<c>sub</c>), what they may do (<c>role</c>) and where (<c>portfolios</c>).</summary>
public static class PmoClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Portfolios = "portfolios";

    public const string Pmo = "pmo";
    public const string PortfolioManager = "portfolio-manager";
    public const string Viewer = "viewer";

    public static readonly string[] Roles = [Pmo, PortfolioManager, Viewer];
}
