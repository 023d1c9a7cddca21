using Pmo.Domain.Documents;

namespace Pmo.Grains.Enterprise;

/// <summary>
/// An accepted import whose grains are not all defined yet: written before the import is
/// acknowledged and cleared once every grain holds its definition, so that a crash in between
/// resumes the import on the enterprise grain's next activation instead of losing part of it.
/// </summary>
[GenerateSerializer, Alias("pmo.pending-import")]
public sealed class PendingImport
{
    [Id(0)] public string? ChangeId { get; set; }
    [Id(1)] public PortfolioDocument? Document { get; set; }
    /// <summary>Resources whose cost rate the import changed: projects outside it that use them are repriced.</summary>
    [Id(2)] public string[] RepricedResources { get; set; } = [];
    /// <summary>Whether the calendar or status date changed: every grain outside the import hears of it.</summary>
    [Id(3)] public bool TimeframeChanged { get; set; }
}
