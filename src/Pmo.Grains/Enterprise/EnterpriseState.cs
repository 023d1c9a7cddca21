using Pmo.Domain.Catalog;

namespace Pmo.Grains.Enterprise;

[GenerateSerializer, Alias("pmo.enterprise-state")]
public sealed class EnterpriseState
{
    [Id(0)] public CatalogState Catalog { get; set; } = new();
    /// <summary>The last <see cref="StructureEntry.Seq"/> already contained in <see cref="Catalog"/>.</summary>
    [Id(1)] public long JournalThrough { get; set; }
}
