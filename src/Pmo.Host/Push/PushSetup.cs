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
        services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = 4 * 1024;
            hub.AddFilter<HubCallLimit>();
        });
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol, SubscribeArgumentsProtocol>();
        services.AddSingleton<PushRouter>();
        services.AddHostedService<PushRegistration>();
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
