namespace Pmo.Load.Scenarios;

/// <summary>
/// Steady traffic, cascades and a reorganisation at once (three quarters of the rate steady, one
/// quarter cascade, the reorganisation as fast as it goes). The runner adds the SignalR clients.
/// </summary>
public sealed class MixedScenario : IScenario
{
    public string Name => "mixed";

    public Task RunAsync(ScenarioContext context, CancellationToken cancellationToken) =>
        Task.WhenAll(
            new SteadyScenario(0.75).RunAsync(context, cancellationToken),
            new CascadeScenario(0.25).RunAsync(context, cancellationToken),
            new ReorgScenario().RunAsync(context, cancellationToken));
}
