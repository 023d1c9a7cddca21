using Pmo.Domain.Documents;

namespace Pmo.Generator;

/// <summary>
/// Builds a realistic, deterministic enterprise portfolio document: a portfolio tree, a resource
/// pool, WBS-shaped project networks with progress, and acyclic cross-project dependencies
/// including long chains along which a slip cascades.
/// </summary>
public static class EnterpriseGenerator
{
    public static PortfolioDocument Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Projects < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Projects, "Projects must be at least 1.");
        return new EnterpriseBuilder(options).Build();
    }
}
