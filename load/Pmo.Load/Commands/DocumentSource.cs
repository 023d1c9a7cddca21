using System.Diagnostics;
using Pmo.Domain.Documents;
using Pmo.Generator;

namespace Pmo.Load.Commands;

/// <summary>The document a verb imports (a file, or one generated from a size and seed), and the import itself.</summary>
public static class DocumentSource
{
    public static async Task<(PortfolioDocument Document, byte[] Bytes, DocumentInfo Info)> LoadAsync(DocumentChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        PortfolioDocument document;
        byte[] bytes;
        string source;
        string? size = null;
        int? seed = null;
        if (choice.File is { } file)
        {
            var path = Path.GetFullPath(file);
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            using var stream = new MemoryStream(bytes, writable: false);
            document = PortfolioJson.Read(stream);
            source = path;
        }
        else
        {
            size = (choice.Size ?? throw new ArgumentException("a document choice names a file or a size", nameof(choice))).ToUpperInvariant();
            seed = choice.Seed;
            document = await Task.Run(() => EnterpriseGenerator.Generate(GeneratorOptions.ForSize(size, choice.Seed)), cancellationToken).ConfigureAwait(false);
            bytes = PortfolioJson.ToBytes(document);
            source = Inv($"generated {size} seed {seed}");
        }

        return (document, bytes, Describe(document, source, bytes.Length) with { Size = size, Seed = seed });
    }

    /// <summary><see cref="LoadAsync"/> as a step on the terminal, named by what it does.</summary>
    public static Task<(PortfolioDocument Document, byte[] Bytes, DocumentInfo Info)> LoadStepAsync(Terminal terminal, DocumentChoice choice, CancellationToken cancellationToken) =>
        terminal.StepAsync(choice.File is null ? Inv($"generate {choice.Size} seed {choice.Seed}") : $"read {choice.File}", null, t => LoadAsync(choice, t), cancellationToken);

    /// <summary>Where a verb writes its reports: the folder given, or load-reports/&lt;UTC time&gt;-<paramref name="name"/>; made absolute.</summary>
    public static string ReportFolder(string? given, string name) =>
        Path.GetFullPath(given ?? Path.Combine("load-reports", Inv($"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{name}")));

    /// <summary>What a document holds, counted.</summary>
    public static DocumentInfo Describe(PortfolioDocument document, string source, long bytes)
    {
        ArgumentNullException.ThrowIfNull(document);
        var projects = document.Projects ?? [];
        return new DocumentInfo
        {
            Source = source,
            Projects = projects.Count,
            Tasks = projects.Sum(p => p.Tasks?.Count ?? 0),
            Resources = document.Resources?.Count ?? 0,
            Portfolios = document.Portfolios?.Count ?? 0,
            CrossLinks = document.CrossLinks?.Count ?? 0,
            Bytes = bytes,
        };
    }

    public static async Task<string?> WaitHealthyAsync(ServiceClient client, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (await client.HealthAsync(cancellationToken).ConfigureAwait(false) is { } body) return body;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>
    /// Imports and waits for the import's change to settle; returns its id, the time from 202 to
    /// settled, and the time from sending the document to settled (what an operator waits).
    /// </summary>
    public static async Task<(string ChangeId, double SettleMs, double TotalMs)> ImportAsync(ServiceClient client, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var outcome = await client.ImportAsync(bytes, cancellationToken).ConfigureAwait(false);
        if (!outcome.Accepted)
            throw new InvalidOperationException($"the import was refused: {outcome.ErrorKind} {outcome.Detail}");
        _ = await client.WaitSettledAsync(outcome.ChangeId!, TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the import {outcome.ChangeId} did not settle within 30 minutes");
        var settled = RunClock.Now;
        return (outcome.ChangeId!, Math.Round((settled - outcome.AnsweredAt).TotalMilliseconds, 1), Math.Round((settled - outcome.SentAt).TotalMilliseconds, 1));
    }
}
