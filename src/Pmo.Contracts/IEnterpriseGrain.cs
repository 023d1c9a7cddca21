using Pmo.Contracts.Commands;
using Pmo.Domain.Documents;

namespace Pmo.Contracts;

/// <summary>
/// The one grain that owns the enterprise's structure (key <see cref="Key"/>). Structural commands
/// pass through it so that cycle and reference checks see one consistent graph; it then awaits the
/// project, resource and portfolio grains it changes (they never call it back, so this cannot
/// deadlock) and lets them propagate the effects one-way.
/// Each command returns null when accepted, or the refusal (nothing changed).
/// </summary>
[Alias("pmo.enterprise")]
public interface IEnterpriseGrain : IGrainWithStringKey
{
    const string Key = "enterprise";

    /// <summary>
    /// Validates the document against the whole structure and records it durably (the catalog and the
    /// document itself), then answers: the import is accepted. Handing every project, resource and
    /// portfolio its definition follows in <see cref="ContinueImport"/>, and the change's settlement says
    /// when it is done, so no caller waits minutes for a large enterprise. Validating and recording a
    /// 50,000-project document still takes longer than Orleans' 30 s default on a busy 2-core machine
    /// (a timeout there would answer 503 for an import that was in fact accepted), so this call alone
    /// has five minutes.
    /// </summary>
    [Alias("import-accept"), ResponseTimeout("00:05:00")] Task<Refusal?> Import(Ripple ripple, [Immutable] PortfolioDocument document);

    /// <summary>
    /// The enterprise grain's own next step after an accepted import (or, after a crash, on its next
    /// activation): defines every grain the recorded document names. Not for other callers.
    /// </summary>
    [OneWay, Alias("import-continue")] Task ContinueImport(string changeId);
    // Structural commands: each takes its record (Pmo.Contracts.Commands). They interleave with each
    // other (their journal entries share commits) and with lookups; an import or a resync runs alone.
    [AlwaysInterleave, Alias("cmd-add-link")] Task<Refusal?> AddCrossLink(Ripple ripple, AddCrossLink command);
    [AlwaysInterleave, Alias("cmd-remove-link")] Task<Refusal?> RemoveCrossLink(Ripple ripple, RemoveCrossLink command);
    [AlwaysInterleave, Alias("cmd-move-project")] Task<Refusal?> MoveProject(Ripple ripple, MoveProject command);
    [AlwaysInterleave, Alias("cmd-move-resource")] Task<Refusal?> MoveResource(Ripple ripple, MoveResource command);
    [AlwaysInterleave, Alias("cmd-put-portfolio")] Task<Refusal?> PutPortfolio(Ripple ripple, PutPortfolio command);
    [AlwaysInterleave, Alias("cmd-delete-portfolio")] Task<Refusal?> DeletePortfolio(Ripple ripple, DeletePortfolio command);
    [AlwaysInterleave, Alias("cmd-delete-project")] Task<Refusal?> DeleteProject(Ripple ripple, CancelProject command);
    [AlwaysInterleave, Alias("cmd-assign")] Task<Refusal?> Assign(Ripple ripple, AssignResource command);

    /// <summary>
    /// Every project and portfolio tells its dependants its current figures again. After a crash the
    /// one-way messages that were in flight are gone; this restores what they would have delivered.
    /// </summary>
    [Alias("resync")] Task Resync(Ripple ripple);

    // Lookups interleave with a long-running command (an import waiting for ten thousand saves):
    // they only read the catalog, which a command changes before it awaits anything.
    [AlwaysInterleave, Alias("has-project")] Task<bool> HasProject(string projectId);
    [AlwaysInterleave, Alias("portfolio-ids")] Task<string[]> PortfolioIds();
    [AlwaysInterleave, Alias("has-resource")] Task<bool> HasResource(string resourceId);

    /// <summary>Portfolio tree, resources, which project sits where, cross links, calendar (the dashboard's map).</summary>
    [AlwaysInterleave, Alias("outline")] Task<EnterpriseOutline> Outline();
    /// <summary>The portfolio tree, and the portfolio of each named project that exists (access rules judge scope with it).</summary>
    [AlwaysInterleave, Alias("placement")] Task<Placement> Place([Immutable] string[] projectIds);

    /// <summary>The whole portfolio document as it stands (CONTRACT.md "GET /api/export").</summary>
    [Alias("export"), ResponseTimeout("00:02:00")] Task<PortfolioDocument> Export();
}

/// <summary>The portfolio tree (child → parent) and where some projects sit in it.</summary>
[GenerateSerializer, Immutable, Alias("pmo.placement")]
public sealed record Placement
{
    [Id(0)] public required Dictionary<string, string?> Parents { get; init; }
    /// <summary>Project id → portfolio id, for the asked projects that exist.</summary>
    [Id(1)] public required Dictionary<string, string> ProjectPortfolios { get; init; }
}
