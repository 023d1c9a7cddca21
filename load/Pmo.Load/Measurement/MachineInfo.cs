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

    private static long? MemTotal()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
                return long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
        return null;
    }
}
