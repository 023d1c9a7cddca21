using System.Security.Claims;
using Pmo.Dashboard.Data;

namespace Pmo.Host.Dashboard;

/// <summary>The clock when the host runs no simulation: the dashboard hides its controls.</summary>
internal sealed class NoSimulation : ISimulationControl
{
    public SimulationState State { get; } = new(false, false, TimeSpan.Zero, null, 0, null);

    public event Action? Changed { add { } remove { } }

    public void Pause(ClaimsPrincipal user) { }

    public void Resume(ClaimsPrincipal user) { }

    public void SetPace(ClaimsPrincipal user, TimeSpan perDay) { }
}
