using Pmo.Domain.Resources;

namespace Pmo.Grains.Resources;

[GenerateSerializer, Alias("pmo.resource-state")]
public sealed class ResourceState
{
    [Id(0)] public ResourceDefinition? Definition { get; set; }
    [Id(1)] public Timeframe? Timeframe { get; set; }
    /// <summary>Per project: the newest load heard (an empty one is kept as a tombstone for its version).</summary>
    [Id(2)] public Dictionary<string, ReceivedLoad> Loads { get; set; } = new();
    [Id(3)] public AlertBook Alerts { get; set; } = new();
}

[GenerateSerializer, Alias("pmo.received-load")]
public sealed class ReceivedLoad
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public string PortfolioId { get; set; } = "";
    [Id(2)] public LoadSegment[] Segments { get; set; } = [];
}
