namespace Pmo.Load.Commands;

/// <summary>One verb of the harness. Implementations need a public parameterless constructor; <see cref="Cli"/> finds them.</summary>
public interface ICommand
{
    /// <summary>The verb, e.g. "generate".</summary>
    string Name { get; }

    /// <summary>The synopsis line shown in the usage text.</summary>
    string Usage { get; }

    string Summary { get; }

    /// <summary>Option names (without "--") the verb accepts; anything else is a usage error.</summary>
    IReadOnlyCollection<string> Options { get; }

    /// <summary>Runs the verb; returns the exit code. Throw <see cref="UsageException"/> for a bad command line.</summary>
    Task<int> RunAsync(CommandLine commandLine, TextWriter output, CancellationToken cancellationToken);
}
