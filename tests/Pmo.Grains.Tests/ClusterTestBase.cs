namespace Pmo.Grains.Tests;

/// <summary>A test class against the shared test cluster: <see cref="Pmo"/> sends commands and reads views through its grains.</summary>
public abstract class ClusterTestBase(ClusterFixture fixture)
{
    protected Driver Pmo { get; } = new(fixture.Grains);
}
