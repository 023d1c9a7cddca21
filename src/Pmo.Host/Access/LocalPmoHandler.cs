using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Pmo.Host.Access;

/// <summary>
/// Authentication off (the embedded default, loopback only): every caller is <c>pmo</c>. Running the same
/// policies in both modes means an endpoint that would be refused with authentication on cannot slip
/// through because it was only ever tried with it off.
/// </summary>
public sealed class LocalPmoHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "local-pmo";
    public const string Sub = "local";

    private static readonly ClaimsPrincipal Everyone = new(new ClaimsIdentity(
        [new Claim(PmoClaims.Subject, Sub), new Claim(PmoClaims.Role, PmoClaims.Pmo)], SchemeName, PmoClaims.Subject, PmoClaims.Role));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Everyone, SchemeName)));
}
