using System.CommandLine;
using System.Diagnostics;
using Pmo.Domain.Documents;
using Pmo.Generator;

namespace Pmo.Load.Commands;

/// <summary><c>generate --size S|M|L|XL|demo --seed N --out FILE</c>: writes a deterministic portfolio document.</summary>
public static class GenerateCommand
{
    public static Command Create(Terminal terminal)
    {
        var size = HarnessOptions.Size(required: true);
        var seed = new Option<int>("--seed") { Description = "the generator's seed", HelpName = "N", Required = true };
        var output = new Option<string>("--out") { Description = "the file to write", HelpName = "FILE", Required = true };
        var command = new Command("generate", "write a generated enterprise portfolio document (the same seed gives the same bytes)") { size, seed, output };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetRequiredValue(size), parse.GetValue(seed), parse.GetRequiredValue(output), terminal, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string size, int seed, string file, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var path = Path.GetFullPath(file);
        var options = GeneratorOptions.ForSize(size, seed);

        var clock = Stopwatch.StartNew();
        var document = await terminal.StepAsync(Inv($"generate {size.ToUpperInvariant()} seed {seed}"), null,
            _ => Task.Run(() => EnterpriseGenerator.Generate(options), cancellationToken), cancellationToken).ConfigureAwait(false);
        var generated = clock.ElapsedMilliseconds;
        cancellationToken.ThrowIfCancellationRequested();

        if (Path.GetDirectoryName(path) is { Length: > 0 } directory) Directory.CreateDirectory(directory);
        var bytes = await terminal.StepAsync($"write {path}", null, _ => Task.Run(() => Write(path, document), cancellationToken), cancellationToken).ConfigureAwait(false);
        clock.Stop();

        var info = DocumentSource.Describe(document, path, bytes);
        terminal.Line(Inv($"{size.ToUpperInvariant()} seed {seed}: {info.Projects} projects, {info.Tasks} tasks, {info.Resources} resources, {info.Portfolios} portfolios, ") +
                      Inv($"{info.CrossLinks} cross links, {bytes} bytes, {clock.ElapsedMilliseconds} ms (generate {generated} ms) -> {path}"));
        return Cli.Ok;
    }

    private static long Write(string path, PortfolioDocument document)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        PortfolioJson.Write(stream, document);
        return stream.Length;
    }
}
