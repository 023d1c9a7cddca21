namespace Pmo.Host.Tests.Infrastructure;

/// <summary>A host with authentication on (the shared test key), empty, shared by the tests of one collection.</summary>
public sealed class SecuredHostFixture : HostFixture
{
    protected override string[] Arguments => ["--no-demo", .. Tokens.HostArguments];

    private PmoClient? _pmo;

    /// <summary>A client signed in as pmo.</summary>
    public PmoClient Pmo => _pmo ??= new PmoClient(Host, Tokens.Pmo());

    public PmoClient As(string token) => new(Host, token);
}

[CollectionDefinition(Name)]
public sealed class SecuredHostCollection : ICollectionFixture<SecuredHostFixture>
{
    public const string Name = "Host with authentication on";
}
