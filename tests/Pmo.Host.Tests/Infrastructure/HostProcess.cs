using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>
/// The real Pmo.Host as a separate process on free local ports: started with <c>dotnet Pmo.Host.dll</c>,
/// ready once <c>GET /health</c> answers 200, killed with its whole process tree on dispose.
/// Its stdout and stderr are kept (the last lines) so that failures can show what the host said.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(60);
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly object _gate = new();
    private Stopwatch _started = new();

    private HostProcess(Process process, Uri baseAddress, string commandLine)
    {
        _process = process;
        BaseAddress = baseAddress;
        CommandLine = commandLine;
    }

    public Uri BaseAddress { get; }

    public string CommandLine { get; }

    /// <summary>The Orleans silo port this host was given (what a second host names with --primary-silo-port).</summary>
    public int SiloPort { get; private init; }

    /// <summary>The Orleans gateway port this host was given.</summary>
    public int GatewayPort { get; private init; }

    /// <summary>From Process.Start to the first 200 from /health.</summary>
    public TimeSpan StartToHealthy { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>How many lines the host has written so far, stdout and stderr together.</summary>
    public int LinesWritten
    {
        get
        {
            lock (_gate) return _linesWritten;
        }
    }

    private int _linesWritten;

    /// <summary>The host's process id (for memory readings).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines the host wrote (stdout and stderr interleaved), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_gate) return $"--- host `{CommandLine}` (last {_lines.Count} lines) ---{Environment.NewLine}{string.Join(Environment.NewLine, _lines)}";
        }
    }

    /// <summary>Starts a host and waits until it is healthy. Retries on fresh ports when the process dies
    /// before becoming healthy (a port picked as free may have been taken by another process meanwhile).</summary>
    public static Task<HostProcess> StartAsync(params string[] extraArguments) => Start(null, HostLogging.WarningsOnly, extraArguments);

    /// <summary>As <see cref="StartAsync(string[])"/>, choosing whether the host logs at its own default levels.</summary>
    public static Task<HostProcess> StartAsync(HostLogging logging, params string[] extraArguments) => Start(null, logging, extraArguments);

    /// <summary>Starts a host on a given HTTP address (a restarted host where the old one was); other ports are free ones.</summary>
    public static Task<HostProcess> StartAtAsync(Uri? address, params string[] extraArguments) => Start(address, HostLogging.WarningsOnly, extraArguments);

    private static async Task<HostProcess> Start(Uri? address, HostLogging logging, string[] extraArguments)
    {
        var failures = new List<string>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var host = Launch(address, logging, extraArguments);
            var outcome = await host.WaitUntilHealthyAsync();
            if (outcome is null) return host;
            failures.Add($"attempt {attempt}: {outcome}{Environment.NewLine}{host.Log}");
            var exited = host.HasExited;
            await host.DisposeAsync();
            if (!exited) break; // alive but never healthy: another attempt would not help
        }
        throw new InvalidOperationException($"The host did not become healthy.{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private static HostProcess Launch(Uri? address, HostLogging logging, string[] extraArguments)
    {
        var directory = LocateHostDirectory();
        var ports = FreePorts(3);
        var url = address?.GetLeftPart(UriPartial.Authority) ?? $"http://127.0.0.1:{ports[0]}";
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            Path.Combine(directory, "Pmo.Host.dll"),
            "--urls", url,
            "--silo-port", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. logging == HostLogging.WarningsOnly ? WarningsOnly : [],
            .. extraArguments,
        ];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The host reads PMO_* variables; whatever the developer's shell has must not leak in.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("PMO_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(variable);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(process, new Uri(url), $"dotnet {string.Join(' ', arguments)}")
        {
            SiloPort = ports[1],
            GatewayPort = ports[2],
        };
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data is null ? null : "[stderr] " + e.Data);
        host._started = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Warnings and errors only (plus start and stop), so that the kept lines show what went wrong.</summary>
    private static readonly string[] WarningsOnly = ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information"];

    /// <summary>Polls /health; null when it answered 200, otherwise why not.</summary>
    private async Task<string?> WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var last = "no answer yet";
        while (_started.Elapsed < HealthDeadline)
        {
            if (_process.HasExited) return $"the process exited with code {_process.ExitCode} before /health answered 200 (last: {last})";
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartToHealthy = _started.Elapsed;
                    return null;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(100);
        }
        return $"/health did not answer 200 within {HealthDeadline.TotalSeconds:0} s (last: {last})";
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _linesWritten++;
            _lines.Enqueue(line);
            while (_lines.Count > KeptLines) _lines.Dequeue();
        }
    }

    /// <summary>
    /// Stops the host as an operator's restart does: SIGTERM, then the host's own graceful shutdown
    /// (grains deactivate and write what they hold). Returns the exit code.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan deadline)
    {
        if (!_process.HasExited && Terminate(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"SIGTERM to {_process.Id} failed.");
        using var wait = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Terminate(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Never started, already gone, or would not die in time: nothing more a test can do.
        }
        _process.Dispose();
    }

    /// <summary>Distinct free ports: all listeners are held open together so that no two are the same.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    /// <summary>The test's output directory (the project reference copies the host there), or else
    /// src/Pmo.Host/bin/{Configuration}/net10.0 found by walking up from it.</summary>
    public static string LocateHostDirectory()
    {
        var here = AppContext.BaseDirectory;
        if (IsHostDirectory(here)) return here;
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var directory = new DirectoryInfo(here); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Pmo.Host", "bin", configuration, "net10.0");
            if (IsHostDirectory(candidate)) return candidate;
        }
        throw new InvalidOperationException($"Pmo.Host.dll with its .runtimeconfig.json and .deps.json is neither in {here} nor in src/Pmo.Host/bin/{configuration}/net10.0 above it.");
    }

    private static bool IsHostDirectory(string directory) =>
        File.Exists(Path.Combine(directory, "Pmo.Host.dll"))
        && File.Exists(Path.Combine(directory, "Pmo.Host.runtimeconfig.json"))
        && File.Exists(Path.Combine(directory, "Pmo.Host.deps.json"));
}

/// <summary>Which log levels a test host runs with.</summary>
public enum HostLogging
{
    /// <summary>Warnings and errors, plus start and stop: what most tests want to see when they fail.</summary>
    WarningsOnly,

    /// <summary>The host's own defaults, as an operator runs it.</summary>
    Default,
}
