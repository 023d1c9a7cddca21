using System.Xml;
using System.Xml.Linq;

namespace Pmo.Domain.Tests.Scheduling;

/// <summary>
/// The published critical-path lengths (MPM-Time) of PSPLIB instances are an outside check that
/// the forward pass is right on real networks of 32..122 jobs.
/// </summary>
public sealed class PsplibBenchmarkTests
{
    private static int CriticalPathLength(PsplibInstance instance)
    {
        var network = instance.ToNetwork("p", 0);
        return CriticalPath.ScheduleProject(network.StartDay, network.Tasks, network.Links, [], []).FinishDay;
    }

    /// <summary>Known optimal makespans (resource-constrained) by file name.</summary>
    private static Dictionary<string, int> Optimum() =>
        File.ReadAllLines(Path.Combine(BenchmarkData.Folder, "psplib", "optimum.csv"))
            .Skip(1)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => l.Split(','))
            .ToDictionary(f => f[0].Trim(), f => int.Parse(f[1], CultureInfo.InvariantCulture));

    /// <summary>
    /// Each instance whose critical path is not its MPM-Time, or exceeds its known optimum (or, when
    /// <paramref name="optimumRequired"/>, has none listed).
    /// </summary>
    private static List<string> Problems(string[] files, bool optimumRequired)
    {
        Assert.NotEmpty(files);
        var optimum = Optimum();
        var problems = new List<string>();
        foreach (var file in files)
        {
            var instance = PsplibInstance.Load(file);
            var length = CriticalPathLength(instance);
            if (length != instance.MpmTime) problems.Add($"{file}: CPM {length}, MPM-Time {instance.MpmTime}");
            if (!optimum.TryGetValue(instance.Name, out var best))
            {
                if (optimumRequired) problems.Add($"{file}: no optimum listed");
            }
            else if (length > best) problems.Add($"{file}: CPM {length} exceeds the optimum {best}");
        }
        return problems;
    }

    [Fact]
    public void Critical_path_of_psplib_j30_instances_equals_mpm_time_and_is_at_most_the_optimum()
    {
        Assert.Empty(Problems(Directory.GetFiles(Path.Combine(BenchmarkData.Folder, "psplib"), "*.sm"), optimumRequired: true));
    }

    [Fact]
    public void Critical_path_of_every_mpsplib_sub_project_equals_mpm_time()
    {
        var folder = Path.Combine(BenchmarkData.Folder, "mpsplib", "KolischInstanzen");
        Assert.Empty(Problems(Directory.GetFiles(folder, "*.sm", SearchOption.AllDirectories), optimumRequired: false));
    }

    [Fact]
    public void Mpsplib_portfolios_scheduled_together_finish_each_project_at_arrival_plus_mpm_time()
    {
        var folder = Path.Combine(BenchmarkData.Folder, "mpsplib");
        var problemFiles = Directory.GetFiles(folder, "mp_*.xml");
        Assert.NotEmpty(problemFiles);
        // The files carry a DOCTYPE naming mp.dtd; it adds nothing needed here.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };

        foreach (var problemFile in problemFiles)
        {
            using var reader = XmlReader.Create(problemFile, settings);
            var entries = XDocument.Load(reader).Descendants("project")
                .Select((p, i) => (
                    Id: $"p{i}",
                    Instance: PsplibInstance.Load(Path.Combine(folder, (string)p.Element("filename")!)),
                    Start: (int)p.Element("start")!))
                .ToList();

            var dates = CriticalPath.ScheduleAll(entries.Select(e => e.Instance.ToNetwork(e.Id, e.Start)).ToList(), []);

            foreach (var (id, instance, start) in entries)
            {
                var finish = dates.Where(kv => kv.Key.ProjectId == id).Max(kv => kv.Value.EarlyFinish);
                Assert.True(start + instance.MpmTime == finish, $"{Path.GetFileName(problemFile)} {instance.Name}: finish {finish}, expected {start} + {instance.MpmTime}");
            }
        }
    }
}
