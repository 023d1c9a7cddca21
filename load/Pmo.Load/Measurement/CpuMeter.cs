using System.Globalization;

namespace Pmo.Load.Measurement;

/// <summary>
/// Cumulative CPU at one moment: the service host's process, the harness's own, and the whole machine
/// (busy and all time over every core, from the first line of /proc/stat). Null where /proc cannot
/// tell (not Linux, no host pid).
/// </summary>
public sealed record CpuReading(double? HostSeconds, double HarnessSeconds, double? MachineBusySeconds, double? MachineAllSeconds);

/// <summary>
/// CPU a scenario cost per accepted command, split by who spent it. On a machine that runs the host,
/// the harness and a database, "other" is the database's share: this is what explains a throughput
/// ratio between back ends when they share the cores (each side's commands per second is about the
/// cores it had over its CPU per command).
/// </summary>
public sealed record CpuUse
{
    public double? HostMsPerCommand { get; init; }
    public double HarnessMsPerCommand { get; init; }
    /// <summary>Everything else that ran on the machine meanwhile (PostgreSQL, when it is local), per accepted command.</summary>
    public double? OtherMsPerCommand { get; init; }
    /// <summary>Share of all cores busy while the scenario drove.</summary>
    public double? MachineBusyPercent { get; init; }
}

public static class CpuMeter
{
    private const double TicksPerSecond = ProcessSampler.TicksPerSecond;

    public static CpuReading Read(int? hostPid)
    {
        var machine = ReadMachine();
        return new CpuReading(
            hostPid is { } pid && ProcessSampler.CpuTicks(pid) is { } ticks ? ticks / TicksPerSecond : null,
            HarnessSeconds(),
            machine?.Busy / TicksPerSecond,
            machine?.All / TicksPerSecond);
    }

    private static double HarnessSeconds()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>What was spent between two readings, per accepted command; null when nothing was accepted.</summary>
    public static CpuUse? Between(CpuReading start, CpuReading end, long accepted)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        if (accepted <= 0) return null;
        var host = end.HostSeconds - start.HostSeconds;
        var harness = end.HarnessSeconds - start.HarnessSeconds;
        var busy = end.MachineBusySeconds - start.MachineBusySeconds;
        var all = end.MachineAllSeconds - start.MachineAllSeconds;
        return new CpuUse
        {
            HostMsPerCommand = PerCommand(host, accepted),
            HarnessMsPerCommand = PerCommand(harness, accepted) ?? 0,
            // Busy time the host and the harness do not account for; never below zero (tick rounding).
            OtherMsPerCommand = busy is { } b && host is { } h ? PerCommand(Math.Max(0, b - h - harness), accepted) : null,
            MachineBusyPercent = busy is { } x && all is { } y && y > 0 ? Math.Round(100 * x / y, 1) : null,
        };
    }

    /// <summary>
    /// The "cpu" line of /proc/stat: busy ticks (user, nice, system, irq, softirq, steal) and all ticks
    /// (those plus idle and iowait); guests are already counted in user.
    /// </summary>
    public static (long Busy, long All)? ParseMachineLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 9 || fields[0] != "cpu") return null;
        var t = new long[8];
        for (var i = 0; i < 8; i++)
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out t[i])) return null;
        var (user, nice, system, idle, iowait, irq, softirq, steal) = (t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
        var busy = user + nice + system + irq + softirq + steal;
        return (busy, busy + idle + iowait);
    }

    private static (long Busy, long All)? ReadMachine()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return reader.ReadLine() is { } first ? ParseMachineLine(first) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double? PerCommand(double? seconds, long accepted) =>
        seconds is { } s ? Math.Round(Math.Max(0, s) * 1000 / accepted, 3) : null;
}
