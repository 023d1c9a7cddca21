namespace Pmo.Host.Tests.Infrastructure;

/// <summary>One empty host (<c>--no-demo</c>) shared by every test of <see cref="HostCollection"/>.
/// Tests of one collection run one after another, so a test may compare exports before and after.</summary>
public class HostFixture : IAsyncLifetime
{
    private HostProcess? _host;
    private PmoClient? _client;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host has not been started.");

    public PmoClient Client => _client ?? throw new InvalidOperationException("The host has not been started.");

    protected virtual string[] Arguments => ["--no-demo"];

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync(Arguments);
        _client = new PmoClient(_host);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }
}

/// <summary>A host whose import limit is 1 MiB, so that an over-large document is cheap to send.</summary>
public sealed class SmallImportLimitHostFixture : HostFixture
{
    public const long MaxImportBytes = 1_048_576;

    protected override string[] Arguments => ["--no-demo", $"--Pmo:MaxImportBytes={MaxImportBytes}"];
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "Empty host";
}

[CollectionDefinition(Name)]
public sealed class SmallImportLimitHostCollection : ICollectionFixture<SmallImportLimitHostFixture>
{
    public const string Name = "Host with a 1 MiB import limit";
}

[CollectionDefinition(Name)]
public sealed class DemoHostCollection
{
    public const string Name = "Host with the demo portfolio";
}

/// <summary>A host of its own for tests that replace the enterprise-wide calendar and status date.</summary>
public sealed class TimeframeHostFixture : HostFixture;

[CollectionDefinition(Name)]
public sealed class TimeframeHostCollection : ICollectionFixture<TimeframeHostFixture>
{
    public const string Name = "Host whose calendar and status date the tests replace";
}

/// <summary>A host of its own for schedules that reach the end of the calendar: a host bug there can leave a
/// project that no longer computes, which must not spill into the tests of the shared host.</summary>
public sealed class DateRangeHostFixture : HostFixture;

[CollectionDefinition(Name)]
public sealed class DateRangeHostCollection : ICollectionFixture<DateRangeHostFixture>
{
    public const string Name = "Host for schedules at the end of the calendar";
}
