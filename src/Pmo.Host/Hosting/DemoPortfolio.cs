using Pmo.Contracts;
using Pmo.Generator;

namespace Pmo.Host.Hosting;

/// <summary>
/// Imports a generated demo enterprise once the silo is up (unless --no-demo, or the enterprise
/// already holds portfolios), through the same
/// enterprise grain the API uses. The service reports ready once this is done.
/// </summary>
public sealed class DemoPortfolio(IGrainFactory grains, PmoHostOptions options, ILogger<DemoPortfolio> logger) : BackgroundService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Ready => _done.Task.IsCompleted;

    /// <summary>Completes once the demo is imported (or was not wanted).</summary>
    public Task Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only into an empty enterprise: a production database that already holds a portfolio keeps it.
        if (!options.NoDemo && (await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).PortfolioIds()).Length == 0)
        {
            var document = EnterpriseGenerator.Generate(GeneratorOptions.ForSize("demo", options.DemoSeed));
            var changeId = $"c-demo-{options.DemoSeed}";
            var refusal = await grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key).Import(Ripple.Root(changeId), document);
            if (refusal is not null)
                logger.LogError("The demo portfolio was refused: {Detail}", refusal.Detail);
            else
            {
                await grains.GetGrain<IChangeGrain>(changeId).Accept(DateTimeOffset.UtcNow);
                logger.LogInformation("Imported the demo portfolio: {Projects} projects, {Portfolios} portfolios, {Resources} resources",
                    document.Projects?.Count, document.Portfolios?.Count, document.Resources?.Count);
            }
        }
        _done.TrySetResult();
    }
}

public static class DemoSetup
{
    public static IServiceCollection AddPmoDemo(this IServiceCollection services, PmoHostOptions options)
    {
        services.AddSingleton<DemoPortfolio>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoPortfolio>());
        return services;
    }
}
