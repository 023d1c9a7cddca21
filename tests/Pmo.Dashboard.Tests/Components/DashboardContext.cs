using Microsoft.Extensions.DependencyInjection;
using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Tests.Components;

/// <summary>A bUnit context whose services are one <see cref="FakeData"/> behind every dashboard interface.</summary>
public abstract class DashboardContext : BunitContext
{
    internal FakeData Data { get; } = new();

    protected DashboardContext()
    {
        Services.AddSingleton<IPortfolioData>(Data);
        Services.AddSingleton<IProjectData>(Data);
        Services.AddSingleton<IResourceData>(Data);
        Services.AddSingleton<IDependencyData>(Data);
        Services.AddSingleton<IAlertData>(Data);
        Services.AddSingleton<IChangeData>(Data);
        Services.AddSingleton<ILiveFeed>(Data);
        Services.AddSingleton<ISimulationControl>(Data);
        Services.AddSingleton<IUserSession>(Data);
    }

    internal static PortfolioRow Portfolio(string id, string? parent = null, string health = "green", int alerts = 0) =>
        new(id, $"Portfolio {id}", parent, 1, 1000, 900, 1.0m, 1.0m, health, alerts, new DateOnly(2027, 6, 30));

    internal static ProjectRow Project(string id, string portfolio = "pf-a", string health = "green", int slip = 0, decimal cpi = 1m) =>
        new(id, $"Project {id}", portfolio, 1000, 1000, cpi, 1m, health, new DateOnly(2027, 6, 1).AddDays(slip), new DateOnly(2027, 6, 1), 0);
}
