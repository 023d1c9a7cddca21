using System.Globalization;

namespace Pmo.Load.Measurement;

/// <summary>One reading of the service process: seconds since the scenario started, resident memory, CPU over the last interval.</summary>
public sealed record ProcessSample(double Second, long RssBytes, double CpuPercent);

/// <summary>
/// Reads /proc/PID/status (VmRSS) and /proc/PID/stat (utime + stime) once a second. CPU percent is
/// of one core (200 means two cores busy), as top shows it. Linux only; elsewhere it records nothing.
/// </summary>
public sealed class ProcessSampler(int pid)
{
    // USER_HZ: the kernel reports utime/stime (and /proc/stat) in these ticks; 100 on every mainstream Linux build.
    internal const double TicksPerSecond = 100.0;
    private readonly List<ProcessSample> _samples = [];

    public int Pid { get; } = pid;

    public IReadOnlyList<ProcessSample> Samples
    {
        get { lock (_samples) return [.. _samples]; }
    }

    public string? Problem { get; private set; }

    public async Task RunAsync(TimeSpan start, CancellationToken cancellationToken)
    {
        var last = ReadTicks();
        var lastAt = RunClock.Now;
        if (last is null)
        {
            Problem = $"/proc/{Pid}/stat is not readable";
            return;
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            var ticks = ReadTicks();
            var now = RunClock.Now;
            if (ticks is null)
            {
                Problem = $"process {Pid} went away";
                return;
            }
            var cpu = (ticks.Value - last.Value) / TicksPerSecond / Math.Max(0.001, (now - lastAt).TotalSeconds) * 100;
            lock (_samples) _samples.Add(new ProcessSample(Math.Round((now - start).TotalSeconds, 2), ReadRss() ?? 0, Math.Round(cpu, 1)));
            (last, lastAt) = (ticks, now);
        }
    }

    private long? ReadTicks() => CpuTicks(Pid);

    /// <summary>utime + stime of a process, in USER_HZ ticks; null where /proc cannot tell.</summary>
    internal static long? CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may contain spaces and parentheses; fields resume after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat(5) are utime and stime; fields[0] here is field 3.
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private long? ReadRss() => MachineInfo.ProcBytes($"/proc/{Pid}/status", "VmRSS:");
}
