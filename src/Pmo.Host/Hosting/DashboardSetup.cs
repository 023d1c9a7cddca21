using Microsoft.Extensions.DependencyInjection.Extensions;
using Pmo.Dashboard.Components;
using Pmo.Dashboard.Data;
using Pmo.Host.Dashboard;
using Pmo.Host.Push;

namespace Pmo.Host.Hosting;

/// <summary>
/// The PMO dashboard (src/Pmo.Dashboard) at "/": Blazor components with interactive server rendering,
/// reading through the adapters in Pmo.Host.Dashboard.
/// </summary>
public static class DashboardSetup
{
    public static WebApplicationBuilder AddPmoDashboard(this WebApplicationBuilder builder)
    {
        // The dashboard's static files (blazor.web.js, its CSS) come from static web assets; outside
        // Development they are only found through this manifest when the host runs from its build output.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Blazor's circuits call AddSignalR again, which brings back plain JSON for the portfolio hub.
        services.UseSubscribeArgumentsProtocol();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<DashboardScope>();
        services.AddSingleton<PortfolioReads>();
        services.AddSingleton<IPortfolioData>(sp => sp.GetRequiredService<PortfolioReads>());
        services.AddSingleton<IDependencyData>(sp => sp.GetRequiredService<PortfolioReads>());
        services.AddSingleton<IProjectData, ProjectReads>();
        services.AddSingleton<IResourceData, ResourceReads>();
        services.AddSingleton<AlertReads>();
        services.AddSingleton<IAlertData>(sp => sp.GetRequiredService<AlertReads>());
        services.AddSingleton<IChangeData>(sp => sp.GetRequiredService<AlertReads>());
        services.AddSingleton<ILiveFeed, LiveFeed>();
        services.AddSingleton<IUserSession, UserSessions>();
        // Unless AddPmoSimulation registered the clock: then the dashboard drives it.
        services.TryAddSingleton<ISimulationControl, NoSimulation>();
        return builder;
    }

    public static WebApplication MapPmoDashboard(this WebApplication app)
    {
        app.UseAntiforgery();
        // Signed in like every other endpoint; with a shared key a browser without its cookie is sent
        // to /signin (AccessSetup's bearer challenge), with an identity provider to the provider
        // (ProviderSignIn), with authentication off everyone is pmo. A group,
        // so that the policy also covers endpoints the framework adds along (static assets' file fallback).
        var dashboard = app.MapGroup("").RequireAuthorization(Access.AccessSetup.SignedInPolicy);
        // Named, not derived from the entry assembly: tests build this application inside their own test host.
        dashboard.MapStaticAssets($"{typeof(DashboardSetup).Assembly.GetName().Name}.staticwebassets.endpoints.json");
        dashboard.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
