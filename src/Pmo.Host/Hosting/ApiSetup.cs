using Pmo.Host.Api;
using Scalar.AspNetCore;

namespace Pmo.Host.Hosting;

public static class ApiSetup
{
    public static IServiceCollection AddPmoApi(this IServiceCollection services, PmoHostOptions options, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddSingleton<ChangeIssuer>();
        services.AddSingleton(configuration.GetSection(AdmissionOptions.Section).Get<AdmissionOptions>() ?? new AdmissionOptions());
        services.AddSingleton<CommandAdmission>();
        services.AddExceptionHandler<ClusterUnavailableHandler>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = options.MaxImportBytes);
        return services;
    }

    public static WebApplication MapPmoApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        app.MapImportEndpoints();
        app.MapProjectEndpoints();
        app.MapCrossLinkEndpoints();
        app.MapPortfolioEndpoints();
        app.MapResourceEndpoints();
        app.MapAlertEndpoints();
        return app;
    }
}
