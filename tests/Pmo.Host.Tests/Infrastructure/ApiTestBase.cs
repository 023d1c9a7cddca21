namespace Pmo.Host.Tests.Infrastructure;

/// <summary>A test class against the shared host of its collection: the fixture's client as <see cref="Api"/>, its process as <see cref="Host"/>.</summary>
public abstract class ApiTestBase(HostFixture fixture)
{
    protected PmoClient Api => fixture.Client;

    protected HostProcess Host => fixture.Host;
}
