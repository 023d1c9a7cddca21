namespace Pmo.Dashboard.Tests.Browser;

/// <summary>
/// The real host with its demo portfolio and the simulation clock off (so the figures only move when a
/// test moves them), and one Chromium, shared by the browser tests of <see cref="BrowserCollection"/>.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private HostProcess? _host;
    private Chromium? _browser;
    private PmoApi? _api;

    public HostProcess Host => _host ?? throw new InvalidOperationException("not started");
    public Chromium Browser => _browser ?? throw new InvalidOperationException("not started");
    public PmoApi Api => _api ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync("--no-simulate");
        _api = new PmoApi(_host.BaseAddress);
        await _api.WaitSettledAsync("c-demo-42", TimeSpan.FromSeconds(120));
        _browser = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_browser is not null) await _browser.DisposeAsync();
        if (_host is not null) await _host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "browser";
}
