using Xunit.Abstractions;

namespace Pmo.Load.Tests;

/// <summary>The harness's command line run in-process for an end-to-end test: its output goes to the test's log.</summary>
internal static class HarnessRun
{
    /// <summary>A new folder under the temp folder for one run's reports.</summary>
    public static string NewFolder(string name) => Path.Combine(Path.GetTempPath(), $"pmo-load-{name}-{Guid.NewGuid():N}");

    /// <summary>Runs the command line with a time limit; the exit code and what it wrote to standard error.</summary>
    public static async Task<(int Exit, string Error)> RunAsync(IReadOnlyList<string> args, TimeSpan timeout, ITestOutputHelper log)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return (await Cli.RunAsync(args, output, error, _ => null, cancel.Token), error.ToString());
        }
        finally
        {
            log.WriteLine(output.ToString());
            log.WriteLine(error.ToString());
        }
    }

    public static void AssertWritten(string folder, params string[] files)
    {
        foreach (var file in files)
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} was not written");
    }

    public static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
