using System.Diagnostics;
using System.Globalization;
using Pmo.Generator;

namespace Pmo.Load.Commands;

/// <summary><c>generate --size S|M|L|XL|demo --seed N --out FILE</c>: writes a deterministic portfolio document.</summary>
public sealed class GenerateCommand : ICommand
{
    public string Name => "generate";

    public string Usage => "generate --size S|M|L|XL|demo --seed N --out FILE";

    public string Summary => "write a generated enterprise portfolio document (the same seed gives the same bytes)";

    public IReadOnlyCollection<string> Options { get; } = ["size", "seed", "out"];

    public Task<int> RunAsync(CommandLine commandLine, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(output);
        var size = commandLine.Required("size");
        var seed = commandLine.RequiredInt("seed");
        var path = Path.GetFullPath(commandLine.Required("out"));

        if (!GeneratorOptions.Sizes.Contains(size, StringComparer.OrdinalIgnoreCase))
            throw new UsageException($"--size must be one of {string.Join("|", GeneratorOptions.Sizes)}, not '{size}'");
        var options = GeneratorOptions.ForSize(size, seed);

        var clock = Stopwatch.StartNew();
        var document = EnterpriseGenerator.Generate(options);
        var generated = clock.ElapsedMilliseconds;
        cancellationToken.ThrowIfCancellationRequested();

        if (Path.GetDirectoryName(path) is { Length: > 0 } directory) Directory.CreateDirectory(directory);
        long bytes;
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            PortfolioJson.Write(stream, document);
            bytes = stream.Length;
        }
        clock.Stop();

        var projects = document.Projects ?? [];
        var tasks = projects.Sum(p => p.Tasks?.Count ?? 0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size.ToUpperInvariant()} seed {seed}: {projects.Count} projects, {tasks} tasks, " +
            $"{document.Resources?.Count ?? 0} resources, {document.Portfolios?.Count ?? 0} portfolios, " +
            $"{document.CrossLinks?.Count ?? 0} cross links, {bytes} bytes, {clock.ElapsedMilliseconds} ms " +
            $"(generate {generated} ms) -> {path}"));
        return Task.FromResult(Cli.Ok);
    }
}
