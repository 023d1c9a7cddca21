using Pmo.Host.Push;

namespace Pmo.Host.Hosting;

/// <summary>The host's parts, in order. Program runs it; tests build it (without running) to inspect its endpoints.</summary>
public static class PmoApplication
{
    public static WebApplication Build(WebApplicationBuilder builder, PmoHostOptions options)
    {
        builder.AddPmoSilo(options);
        builder.Services.AddPmoApi(options, builder.Configuration);
        builder.Services.AddPmoPush(builder.Configuration);
        builder.Services.AddPmoDemo(options);
        builder.Services.AddPmoRecovery(options);
        builder.Services.AddPmoObservability();
        builder.Services.AddPmoSimulation(options);
        builder.AddPmoDashboard();

        var app = builder.Build();
        app.MapPmoApi();
        app.MapPmoPush();
        app.MapPmoObservability();
        app.MapPmoDashboard();
        return app;
    }
}
