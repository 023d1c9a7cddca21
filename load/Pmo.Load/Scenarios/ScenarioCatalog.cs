namespace Pmo.Load.Scenarios;

/// <summary>The scenarios the harness knows, in the order <c>all</c> runs them. The one list: help, validation and the run read it.</summary>
public static class ScenarioCatalog
{
    public const string Every = "all";

    public static IReadOnlyList<IScenario> Scenarios { get; } = [new SteadyScenario(), new CascadeScenario(), new ReorgScenario(), new MixedScenario()];

    /// <summary>What <c>--scenario</c> accepts: each scenario's name, and <see cref="Every"/>.</summary>
    public static IReadOnlyList<string> Choices { get; } = [.. Scenarios.Select(s => s.Name), Every];

    /// <summary>The scenarios a <c>--scenario</c> value names, in any case.</summary>
    public static IReadOnlyList<IScenario> Named(string name) =>
        string.Equals(name, Every, StringComparison.OrdinalIgnoreCase)
            ? Scenarios
            : [Scenarios.Single(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))];
}
