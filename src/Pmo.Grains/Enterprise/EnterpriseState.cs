using Pmo.Domain.Catalog;

namespace Pmo.Grains.Enterprise;

[GenerateSerializer, Alias("pmo.enterprise-state")]
public sealed class EnterpriseState
{
    [Id(0)] public CatalogState Catalog { get; set; } = new();
}
