using System.Security.Claims;

namespace Pmo.Dashboard.Data;

/// <summary>
/// Whether a person is signed in with a session they can end. The host answers: with authentication off
/// everyone is pmo and there is nothing to sign out of.
/// </summary>
public interface IUserSession
{
    /// <summary>Who the user is signed in as (their <c>sub</c>), or null when there is no session to end.</summary>
    string? SignedInAs(ClaimsPrincipal user);
}
