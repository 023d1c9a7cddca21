namespace Pmo.Generator;

/// <summary>What <see cref="EnterpriseGenerator"/> builds. The same options always give the same document.</summary>
public sealed record GeneratorOptions
{
    public int Projects { get; init; } = 100;
    public int Seed { get; init; } = 1;
    /// <summary>The first working day of the enterprise plan; project starts spread over about a year from here.</summary>
    public DateOnly StartDate { get; init; } = new(2027, 1, 4);

    /// <summary>The named sizes, smallest first.</summary>
    public static IReadOnlyList<string> Sizes { get; } = ["demo", "S", "M", "L", "XL"];

    public static GeneratorOptions ForSize(string size, int seed) =>
        new() { Projects = ProjectsFor(size), Seed = seed };

    /// <summary>Projects in a named size (case-insensitive); ArgumentException for an unknown one.</summary>
    public static int ProjectsFor(string size) => size?.Trim().ToUpperInvariant() switch
    {
        "DEMO" => 50,
        "S" => 100,
        "M" => 1_000,
        "L" => 10_000,
        "XL" => 50_000,
        _ => throw new ArgumentException(
            $"Unknown size '{size}'; expected one of {string.Join(", ", Sizes)}.", nameof(size)),
    };
}
