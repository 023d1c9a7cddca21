using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pmo.Host.Hosting;

namespace Pmo.Host.Push;

public static class PushSetup
{
    public static IServiceCollection AddPmoPush(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection($"{PmoHostOptions.Section}:Push").Get<PushOptions>() ?? new PushOptions();
        services.AddSingleton(options);
        // The limits are the portfolio hub's own: Blazor's circuits share SignalR but not these rules.
        services.AddSignalR().AddHubOptions<PortfolioHub>(hub =>
        {
            hub.MaximumReceiveMessageSize = 4 * 1024;
            hub.AddFilter<HubCallLimit>();
        });
        services.UseSubscribeArgumentsProtocol();
        services.AddSingleton<PushRouter>();
        services.AddHostedService<PushRegistration>();
        return services;
    }

    /// <summary>
    /// Puts the JSON protocol wrapper in place of plain JSON, leaving other protocols (Blazor's blazorpack)
    /// alone. Every AddSignalR call re-adds plain JSON, and SignalR keeps the last protocol of a name, so
    /// whoever calls AddSignalR after AddPmoPush (the dashboard's Blazor circuits do) calls this again.
    /// </summary>
    public static IServiceCollection UseSubscribeArgumentsProtocol(this IServiceCollection services)
    {
        foreach (var plain in services.Where(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType == typeof(JsonHubProtocol)).ToList())
            services.Remove(plain);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHubProtocol, SubscribeArgumentsProtocol>());
        return services;
    }

    public static WebApplication MapPmoPush(this WebApplication app)
    {
        // A connection whose token expires is closed; the client reconnects with a fresh one.
        app.MapHub<PortfolioHub>(Access.AccessSetup.HubPath, hub => hub.CloseOnAuthenticationExpiration = true)
            .RequireAuthorization(Access.AccessSetup.SignedInPolicy);
        return app;
    }
}
