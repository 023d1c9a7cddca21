using Pmo.Load.Commands;

namespace Pmo.Load;

/// <summary>
/// Dispatches a verb to its <see cref="ICommand"/>. Commands are found by reflection, so a new verb
/// is one new file in Commands/ and touches nothing shared.
/// </summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    public static IReadOnlyList<ICommand> Commands { get; } = typeof(Cli).Assembly.GetTypes()
        .Where(t => typeof(ICommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Where(t => t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (ICommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args);
        }
        catch (UsageException e)
        {
            return Usage(error, e.Message);
        }

        if (commandLine.Verb is "help" or "-h" or "/?" || (commandLine.Verb is null && commandLine.Has("help")))
        {
            WriteUsage(output);
            return Ok;
        }
        if (commandLine.Verb is null) return Usage(error, "a command is required");

        var command = Commands.FirstOrDefault(c => string.Equals(c.Name, commandLine.Verb, StringComparison.OrdinalIgnoreCase));
        if (command is null) return Usage(error, $"unknown command '{commandLine.Verb}'");
        if (commandLine.Has("help"))
        {
            WriteUsage(output);
            return Ok;
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Let the command stop cleanly (and still write what it has) instead of being killed.
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            commandLine.RejectUnknown(command.Options);
            return await command.RunAsync(commandLine, output, cancellation.Token).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            return Usage(error, e.Message);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{command.Name}: cancelled").ConfigureAwait(false);
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or InvalidOperationException or System.Text.Json.JsonException or FormatException)
        {
            await error.WriteLineAsync($"{command.Name}: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Usage(TextWriter error, string problem)
    {
        error.WriteLine($"error: {problem}");
        error.WriteLine();
        WriteUsage(error);
        return BadUsage;
    }

    private static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("usage: dotnet run --project load/Pmo.Load -- <command> [options]");
        writer.WriteLine();
        writer.WriteLine("commands:");
        foreach (var command in Commands)
        {
            writer.WriteLine($"  {command.Usage}");
            writer.WriteLine($"      {command.Summary}");
        }
    }
}
