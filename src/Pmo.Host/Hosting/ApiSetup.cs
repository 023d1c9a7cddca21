using Pmo.Host.Access;
using Pmo.Host.Api;
using Pmo.Host.Audit;
using Scalar.AspNetCore;

namespace Pmo.Host.Hosting;

public static class ApiSetup
{
    public static IServiceCollection AddPmoApi(this IServiceCollection services, PmoHostOptions options, IConfiguration configuration)
    {
        // Answers the framework writes itself (401 from the bearer handler, 405, ...) get a human detail too.
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => "Sign in: send a valid bearer token (Authorization: Bearer ...).",
                StatusCodes.Status403Forbidden => "Your role may not do this here.",
                StatusCodes.Status404NotFound => "Nothing is here.",
                StatusCodes.Status405MethodNotAllowed => "This path does not take that method.",
                StatusCodes.Status413PayloadTooLarge => "The body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
                >= 500 => "The service could not answer; nothing in the request was at fault.",
                _ => "The request was refused.",
            });
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
        app.UsePmoAccess();
        // The API's description is public; what it describes is not.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs").AllowAnonymous();
        app.MapImportEndpoints();
        app.MapProjectEndpoints();
        app.MapCommandEndpoints();
        app.MapPortfolioEndpoints();
        app.MapResourceEndpoints();
        app.MapAlertEndpoints();
        app.MapAuditEndpoints();
        app.MapSignInEndpoints();
        return app;
    }
}
