using Pmo.Dashboard.Data;
using Pmo.Host.Simulation;

namespace Pmo.Host.Hosting;

/// <summary>The simulation clock: on in the embedded demo unless --no-simulate, in production mode only with --simulate.</summary>
public static class SimulationSetup
{
    public static IServiceCollection AddPmoSimulation(this IServiceCollection services, PmoHostOptions options)
    {
        if (!options.RunsSimulation) return services;
        services.AddSingleton<SimulationClock>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulationClock>());
        services.AddSingleton<ISimulationControl>(sp => sp.GetRequiredService<SimulationClock>());
        return services;
    }
}
