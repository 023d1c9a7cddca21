using System.CommandLine;
using System.CommandLine.Invocation;
using Pmo.Load.Commands;

namespace Pmo.Load;

/// <summary>The harness's verbs, their options, validation and help, on System.CommandLine.</summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    public static RootCommand Root(TextWriter output, Func<string, string?> environment)
    {
        var terminal = Terminal.For(output);
        return new RootCommand("Pmo.Load: generates enterprise portfolios and drives a running Pmo.Grains service through its public HTTP and SignalR contract")
        {
            GenerateCommand.Create(terminal),
            RunCommand.Create(terminal, environment),
            SimulateCommand.Create(output, environment),
            CompareCommand.Create(terminal),
        };
    }

    /// <param name="environment">Where <c>PMO_TOKEN</c> is read from; the process environment when null.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error,
        Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        // "help VERB" worked before System.CommandLine, and still does.
        if (args is ["help", ..]) args = [.. args.Skip(1), "--help"];
        var parse = Root(output, environment ?? Environment.GetEnvironmentVariable).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var problem in parse.Errors) await error.WriteLineAsync($"error: {problem.Message}").ConfigureAwait(false);
            await error.WriteLineAsync("Run with --help for the verbs and their options.").ConfigureAwait(false);
            return BadUsage;
        }

        var verb = parse.CommandResult.Command.Name;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Let the verb stop cleanly (and still say what it has) instead of being killed.
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            // Ctrl+C is handled above, with no deadline; exceptions are ours to word.
            var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(invocation, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{verb}: cancelled").ConfigureAwait(false);
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or InvalidOperationException or System.Text.Json.JsonException or FormatException)
        {
            await error.WriteLineAsync($"{verb}: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
