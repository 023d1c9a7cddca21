namespace Pmo.Domain.Tests.Scheduling;

/// <summary>
/// A PSPLIB single-mode <c>.sm</c> file, read only as far as scheduling needs: the jobs with
/// their durations and successors, and the file's own critical-path length (MPM-Time).
/// </summary>
internal sealed record PsplibInstance(string Name, int MpmTime, IReadOnlyDictionary<int, int> Durations, IReadOnlyList<(int From, int To)> Precedences)
{
    public static PsplibInstance Load(string path)
    {
        var lines = File.ReadAllLines(path);
        int? mpmTime = null;
        var durations = new Dictionary<int, int>();
        var precedences = new List<(int, int)>();

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("PROJECT INFORMATION:", StringComparison.Ordinal))
            {
                // The column header, then one row per project; MPM-Time is the last column.
                var row = Numbers(lines[i + 2]);
                mpmTime = row[^1];
            }
            else if (line.StartsWith("PRECEDENCE RELATIONS:", StringComparison.Ordinal))
            {
                foreach (var row in SectionRows(lines, i + 2))
                {
                    // jobnr. #modes #successors successors...
                    var count = row[2];
                    if (row.Length != 3 + count)
                        throw new FormatException($"{path}: job {row[0]} names {count} successors but lists {row.Length - 3}.");
                    for (var s = 0; s < count; s++) precedences.Add((row[0], row[3 + s]));
                }
            }
            else if (line.StartsWith("REQUESTS/DURATIONS:", StringComparison.Ordinal))
            {
                // The column header and a row of dashes come first: jobnr. mode duration R1..R4.
                foreach (var row in SectionRows(lines, i + 3)) durations[row[0]] = row[2];
            }
        }

        if (mpmTime is null) throw new FormatException($"{path}: no PROJECT INFORMATION section.");
        if (durations.Count == 0) throw new FormatException($"{path}: no REQUESTS/DURATIONS section.");
        return new PsplibInstance(Path.GetFileName(path), mpmTime.Value, durations, precedences);
    }

    /// <summary>The instance as one project: job n becomes task "n", precedence as FS with lag 0.</summary>
    public ProjectNetwork ToNetwork(string projectId, int startDay) => new()
    {
        ProjectId = projectId,
        StartDay = startDay,
        Tasks = Durations.OrderBy(kv => kv.Key).Select(kv => new NetworkTask(kv.Key.ToString(), kv.Value)).ToList(),
        Links = Precedences.Select(p => new NetworkLink { From = p.From.ToString(), To = p.To.ToString(), Type = LinkType.FS, Lag = 0 }).ToList(),
    };

    private static IEnumerable<int[]> SectionRows(string[] lines, int first)
    {
        for (var i = first; i < lines.Length && !lines[i].StartsWith('*'); i++)
            if (!string.IsNullOrWhiteSpace(lines[i])) yield return Numbers(lines[i]);
    }

    private static int[] Numbers(string line) =>
        line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
}

/// <summary>
/// The benchmark files, copied next to the test assembly from <c>Benchmarks/</c> (see its README for
/// their source), so a clone anywhere runs these tests with nothing beside it.
/// </summary>
internal static class BenchmarkData
{
    public static string Folder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "Benchmarks");
            // Deliberately a failure, not a skip: a missing benchmark folder must not pass silently.
            if (!Directory.Exists(folder)) Assert.Fail($"No benchmark folder at {folder}; the project copies Benchmarks/ to its output.");
            return folder;
        }
    }
}
