using Pmo.Generator;

namespace Pmo.Domain.Tests.Generator;

/// <summary>Documents shared by the generator tests: generating M once is cheaper than once per test.</summary>
internal static class GeneratedDocuments
{
    private static readonly Lazy<PortfolioDocument> SmallSeed1 = new(() => EnterpriseGenerator.Generate(GeneratorOptions.ForSize("S", 1)));
    private static readonly Lazy<PortfolioDocument> MediumSeed1 = new(() => EnterpriseGenerator.Generate(GeneratorOptions.ForSize("M", 1)));

    public static PortfolioDocument Small => SmallSeed1.Value;
    public static PortfolioDocument Medium => MediumSeed1.Value;

    public static PortfolioDocument For(string size) => size switch
    {
        "S" => Small,
        "M" => Medium,
        _ => EnterpriseGenerator.Generate(GeneratorOptions.ForSize(size, 1)),
    };
}
