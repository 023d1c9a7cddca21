using System.Security.Claims;
using Pmo.Dashboard.Data;
using Pmo.Host.Access;

namespace Pmo.Host.Dashboard;

/// <summary>A signed-in person has a session to end (a token cookie or a provider's session); with authentication off nobody does.</summary>
internal sealed class UserSessions(AuthOptions auth) : IUserSession
{
    public string? SignedInAs(ClaimsPrincipal user) => auth.Enabled ? Caller.From(user).Sub : null;
}
