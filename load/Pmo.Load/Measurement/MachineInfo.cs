using System.Globalization;

namespace Pmo.Load.Measurement;

/// <summary>The machine the harness runs on (the service too, when it is local).</summary>
public sealed record MachineInfo
{
    public int Cores { get; init; }
    public long? MemoryBytes { get; init; }
    public string Os { get; init; } = "";
    public string Runtime { get; init; } = "";

    public static MachineInfo Current() => new()
    {
        Cores = Environment.ProcessorCount,
        MemoryBytes = MemTotal(),
        Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        Runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
    };

    private static long? MemTotal() => ProcBytes("/proc/meminfo", "MemTotal:");

    /// <summary>A "Name:   1234 kB" line of a /proc file, in bytes; null where /proc cannot tell (not Linux, no such process).</summary>
    internal static long? ProcBytes(string path, string field)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
        return null;
    }
}
