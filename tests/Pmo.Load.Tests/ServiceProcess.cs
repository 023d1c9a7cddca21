using Pmo.Load.Hosting;

namespace Pmo.Load.Tests;

/// <summary>
/// The real Pmo.Host, run as its own process from this test's output folder on free loopback
/// ports through the harness's own <see cref="HostProcess"/>, so the harness meets it exactly as it
/// would meet a deployed service.
/// </summary>
internal static class ServiceProcess
{
    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "Pmo.Host.dll");

    public static Task<HostProcess> StartAsync(TimeSpan healthDeadline) =>
        HostProcess.StartAsync(HostDll, ["--Logging:LogLevel:Default=Warning"], healthDeadline, logFile: null, CancellationToken.None);

    internal static int[] FreePorts(int count) => HostProcess.FreePorts(count);
}
