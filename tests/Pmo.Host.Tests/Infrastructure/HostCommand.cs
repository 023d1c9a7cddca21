using System.Diagnostics;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>Runs Pmo.Host.dll as a command that is expected to end by itself (a verb, or a refusal to start).</summary>
public static class HostCommand
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Exit code, standard output and standard error. Fails the test if the process is still running at the deadline.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var directory = HostProcess.LocateHostDirectory();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(directory, "Pmo.Host.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Whatever the developer's shell has must not leak in.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("PMO_", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(variable);
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`Pmo.Host {string.Join(' ', arguments)}` was still running after {Deadline.TotalSeconds:0} s: {await output}{await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}
