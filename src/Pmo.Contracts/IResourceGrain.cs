namespace Pmo.Contracts;

/// <summary>One resource's load across all projects and its over-allocation alert (key: resource id).</summary>
[Alias("pmo.resource")]
public interface IResourceGrain : IGrainWithStringKey
{
    [Alias("define")] Task Define(Ripple ripple, ResourceDefinition definition, Timeframe timeframe);
    [Alias("timeframe")] Task SetTimeframe(Ripple ripple, Timeframe timeframe);

    /// <summary>The whole load one project now places on this resource (empty: none); stale versions are ignored.</summary>
    [OneWay, Alias("load")]
    Task LoadChanged(Ripple ripple, long version, [Immutable] ProjectLoad load);

    [Alias("view")] Task<ResourceLoadView?> GetLoad(DateOnly? from, DateOnly? to);
    [Alias("get")] Task<ResourceDefinition?> GetDefinition();
}
