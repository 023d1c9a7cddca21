using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pmo.Load.Tests;

/// <summary>
/// The real Pmo.Host, run as its own process from this test's output folder on free loopback
/// ports, so the harness meets it exactly as it would meet a deployed service.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public string Log
    {
        get { lock (_lines) return string.Join(Environment.NewLine, _lines.TakeLast(80)); }
    }

    public static async Task<ServiceProcess> StartAsync(TimeSpan healthDeadline)
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, "Pmo.Host.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Pmo.Host.dll is not in the test output folder", dll);
        var ports = FreePorts(3);
        var address = new Uri($"http://127.0.0.1:{ports[0]}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     dll, "--urls", address.ToString().TrimEnd('/'),
                     "--silo-port", ports[1].ToString(CultureInfo.InvariantCulture),
                     "--gateway-port", ports[2].ToString(CultureInfo.InvariantCulture),
                     "--no-demo", "--Logging:LogLevel:Default=Warning",
                 })
            start.ArgumentList.Add(argument);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PMO_", StringComparison.OrdinalIgnoreCase) || k == "ASPNETCORE_URLS").ToList())
            start.Environment.Remove(key);

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process, address);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < healthDeadline)
        {
            if (process.HasExited)
            {
                var log = service.Log;
                await service.DisposeAsync();
                throw new InvalidOperationException($"Pmo.Host exited with {process.ExitCode} before it was healthy:{Environment.NewLine}{log}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return service;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        var last = service.Log;
        await service.DisposeAsync();
        throw new TimeoutException($"Pmo.Host was not healthy within {healthDeadline.TotalSeconds:0} s:{Environment.NewLine}{last}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
    }

    /// <summary>Ports the OS hands out for port 0, all held at once so that they differ.</summary>
    internal static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
    }
}
