using System.Net;
using Pmo.Grains.Hosting;

namespace Pmo.Host.Hosting;

public static class SiloSetup
{
    public static PmoHostOptions AddPmoOptions(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PmoHostOptions.Section).Get<PmoHostOptions>() ?? new PmoHostOptions();
        builder.Services.AddSingleton(options);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(PmoHostOptions.DefaultUrl);
        return options;
    }

    /// <summary>The embedded default: one silo on localhost clustering with in-memory grain storage.</summary>
    public static void AddPmoSilo(this WebApplicationBuilder builder, PmoHostOptions options)
    {
        builder.UseOrleans(silo =>
        {
            var primary = options.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary);
            silo.AddPmoMemoryStorage();
            silo.AddPmoGrains();
            silo.AddPmoDashboard();
        });
    }
}
