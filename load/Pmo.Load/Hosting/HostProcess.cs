using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pmo.Load.Hosting;

/// <summary>
/// A Pmo.Host the harness starts itself: <c>dotnet Pmo.Host.dll --no-demo</c> on free loopback ports,
/// healthy before it is handed out, killed (with its children) when disposed. The compare verb
/// starts one per back end; the harness's tests start theirs the same way.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int KeptLines = 80;
    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly StreamWriter? _logFile;
    private bool _closed;

    private HostProcess(Process process, Uri address, StreamWriter? logFile)
    {
        _process = process;
        Address = address;
        _logFile = logFile;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>The last lines the host wrote (standard output and error), for a failure message.</summary>
    public string Log
    {
        get { lock (_lines) return string.Join(Environment.NewLine, _lines); }
    }

    /// <param name="dll">Pmo.Host.dll.</param>
    /// <param name="arguments">Appended to the ports and <c>--no-demo</c>, e.g. <c>--postgres CS</c>.</param>
    /// <param name="logFile">Where everything the host writes goes; null keeps only the last lines.</param>
    public static async Task<HostProcess> StartAsync(string dll, IReadOnlyList<string> arguments, TimeSpan healthDeadline, string? logFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} does not exist; build it with: dotnet build -c Release src/Pmo.Host", dll);
        var ports = FreePorts(3);
        var address = new Uri($"http://127.0.0.1:{ports[0]}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[dll, "--urls", address.ToString().TrimEnd('/'), "--silo-port", Text(ports[1]), "--gateway-port", Text(ports[2]), "--no-demo", .. arguments])
            start.ArgumentList.Add(argument);
        // The caller's settings (a token, another URL) would make this host something other than asked for.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PMO_", StringComparison.OrdinalIgnoreCase) || k == "ASPNETCORE_URLS").ToList())
            start.Environment.Remove(key);

        var writer = logFile is null ? null : new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, address, writer);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await host.WaitHealthyAsync(healthDeadline, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The Release build of Pmo.Host under <c>src/Pmo.Host/bin/Release/net10.0</c> of the first folder,
    /// from <paramref name="directory"/> upwards, that has one; null when none does.
    /// </summary>
    public static string? FindReleaseBuild(string directory)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            var dll = Path.Combine(current.FullName, "src", "Pmo.Host", "bin", "Release", "net10.0", "Pmo.Host.dll");
            if (File.Exists(dll)) return dll;
        }
        return null;
    }

    /// <summary>Ports the OS hands out for port 0, all held at once so that they differ.</summary>
    public static int[] FreePorts(int count)
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

    private async Task WaitHealthyAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Pmo.Host exited with {_process.ExitCode} before it was healthy:{Environment.NewLine}{Log}");
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }
            // Polling: a starting host says nothing else when it is ready.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"Pmo.Host was not healthy within {deadline.TotalSeconds:0} s:{Environment.NewLine}{Log}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            // A line may still arrive after a host that would not exit was given up on.
            if (_closed) return;
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines) _lines.Dequeue();
            _logFile?.WriteLine(line);
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
        lock (_lines)
        {
            _closed = true;
            _logFile?.Dispose();
        }
    }
}
