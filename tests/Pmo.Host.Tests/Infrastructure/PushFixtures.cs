using System.Diagnostics;
using System.Globalization;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>An empty host of its own for the live-push burst and latency measurements, so that their load
/// neither slows nor is slowed by the tests of the shared host.</summary>
public sealed class PushHostFixture : HostFixture;

/// <summary>
/// Two hosts forming one Orleans cluster on this machine (localhost clustering): host A started as usual,
/// host B with <c>--primary-silo-port</c> naming A's silo port and ports of its own. Both answer /health
/// (which includes cluster membership "active" and live push started) before any test runs.
/// </summary>
public sealed class PushClusterFixture : IAsyncLifetime
{
    private HostProcess? _a;
    private HostProcess? _b;
    private PmoClient? _apiA;
    private PmoClient? _apiB;

    public HostProcess A => _a ?? throw new InvalidOperationException("The cluster has not been started.");
    public HostProcess B => _b ?? throw new InvalidOperationException("The cluster has not been started.");
    public PmoClient ApiA => _apiA ?? throw new InvalidOperationException("The cluster has not been started.");
    public PmoClient ApiB => _apiB ?? throw new InvalidOperationException("The cluster has not been started.");

    public async Task InitializeAsync()
    {
        _a = await HostProcess.StartAsync("--no-demo");
        _apiA = new PmoClient(_a);
        _b = await HostProcess.StartAsync("--no-demo", "--primary-silo-port", _a.SiloPort.ToString(CultureInfo.InvariantCulture));
        _apiB = new PmoClient(_b);
    }

    public async Task DisposeAsync()
    {
        _apiB?.Dispose();
        _apiA?.Dispose();
        if (_b is not null) await _b.DisposeAsync();
        if (_a is not null) await _a.DisposeAsync();
    }
}

/// <summary>The burst, latency and two-host tests run one after another so that their figures are not
/// measured while another of them loads the machine.</summary>
[CollectionDefinition(Name)]
public sealed class PushLoadCollection : ICollectionFixture<PushHostFixture>, ICollectionFixture<PushClusterFixture>
{
    public const string Name = "Live push under load and across two hosts";
}

public static class Measure
{
    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    /// <summary>Nearest-rank percentile of <paramref name="values"/> (0 &lt; p &lt;= 100).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
