using Microsoft.Extensions.Configuration.Memory;

namespace Pmo.Host.Hosting;

/// <summary>
/// Log levels for a busy service: a few lines a minute at the default level, not a line per request
/// or grain call. ASP.NET logs five lines per request at Information and Polly two per grain
/// placement, which at a few hundred commands a second would flood any log pipeline and cost CPU.
/// </summary>
/// <remarks>
/// The defaults sit under every other configuration source rather than in appsettings.json, because
/// appsettings.json is read from the content root (the working directory) and a host started as
/// <c>dotnet path/to/Pmo.Host.dll</c> from elsewhere would silently run with framework defaults.
/// appsettings, environment variables (<c>Logging__LogLevel__Orleans=Information</c>) and the
/// command line still override each level.
/// </remarks>
public static class QuietLogging
{
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        // Start and stop of the host, and where it listens.
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        // Per request: routing, results, hosting diagnostics.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        // Per placement: Orleans' resilience pipelines.
        ["Logging:LogLevel:Polly"] = "Warning",
        // Options dumps and per-activation noise; silo deaths and storage errors log at Warning.
        ["Logging:LogLevel:Orleans"] = "Warning",
        // A silo joining or leaving the cluster is worth a line at the default level.
        ["Logging:LogLevel:Orleans.Runtime.MembershipService.MembershipTableManager"] = "Information",
        ["Logging:LogLevel:System.Net.Http"] = "Warning",
        // An unhealthy readiness check is what /health/ready answers, every probe; logged, it is an
        // "error" line per probe while the host starts. Storage and membership failures log on their own.
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical",
    };

    public static WebApplicationBuilder AddPmoQuietLogging(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        return builder;
    }
}
