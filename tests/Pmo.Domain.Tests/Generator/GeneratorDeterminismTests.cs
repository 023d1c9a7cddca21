using System.Text;
using Pmo.Generator;

namespace Pmo.Domain.Tests.Generator;

public sealed class GeneratorDeterminismTests
{
    private static byte[] Bytes(GeneratorOptions options) => PortfolioJson.ToBytes(EnterpriseGenerator.Generate(options));

    [Theory]
    [InlineData("demo", 1)]
    [InlineData("S", 1)]
    [InlineData("S", 42)]
    [InlineData("M", 7)]
    public void Same_options_give_the_same_bytes(string size, int seed)
    {
        var first = Bytes(GeneratorOptions.ForSize(size, seed));
        var second = Bytes(GeneratorOptions.ForSize(size, seed));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Same_options_give_the_same_bytes_when_generated_concurrently()
    {
        // The generator must own its randomness; a shared (global) seed would interleave here.
        var expected = Bytes(GeneratorOptions.ForSize("S", 3));
        var results = new byte[8][];
        Parallel.For(0, results.Length, i => results[i] = Bytes(GeneratorOptions.ForSize("S", 3)));
        Assert.All(results, bytes => Assert.Equal(expected, bytes));
    }

    [Fact]
    public void Different_seeds_give_different_documents()
    {
        var one = Bytes(GeneratorOptions.ForSize("S", 1));
        var two = Bytes(GeneratorOptions.ForSize("S", 2));
        Assert.NotEqual(one, two);

        var names1 = EnterpriseGenerator.Generate(GeneratorOptions.ForSize("S", 1)).Resources!.Select(r => r.Name).ToList();
        var names2 = EnterpriseGenerator.Generate(GeneratorOptions.ForSize("S", 2)).Resources!.Select(r => r.Name).ToList();
        Assert.NotEqual(names1, names2);
    }

    [Fact]
    public void A_different_start_date_moves_the_plan()
    {
        var later = EnterpriseGenerator.Generate(new GeneratorOptions { Projects = 20, Seed = 1, StartDate = new DateOnly(2030, 3, 4) });
        Assert.Equal("2030-05-03", later.StatusDate);
        Assert.All(later.Projects!, p => Assert.True(PlanModel.Parse(p.Start!) >= new DateOnly(2030, 3, 4)));
    }

    [Fact]
    public void Json_round_trip_is_byte_identical()
    {
        var bytes = PortfolioJson.ToBytes(GeneratedDocuments.Small);
        using var input = new MemoryStream(bytes);
        var read = PortfolioJson.Read(input);
        using var output = new MemoryStream();
        PortfolioJson.Write(output, read);
        Assert.Equal(bytes, output.ToArray());
    }

    [Fact]
    public void Json_is_compact_camel_case_without_nulls()
    {
        var text = Encoding.UTF8.GetString(PortfolioJson.ToBytes(GeneratedDocuments.Small));
        Assert.StartsWith("{\"calendar\":{\"workingDays\":[\"Mon\",\"Tue\",\"Wed\",\"Thu\",\"Fri\"]", text, StringComparison.Ordinal);
        Assert.Contains("\"crossLinks\":[{\"fromProject\":\"p-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Id\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo", 50)]
    [InlineData("S", 100)]
    [InlineData("s", 100)]
    [InlineData("M", 1_000)]
    [InlineData("L", 10_000)]
    [InlineData("XL", 50_000)]
    public void Sizes_name_project_counts(string size, int projects)
    {
        var options = GeneratorOptions.ForSize(size, 9);
        Assert.Equal(projects, options.Projects);
        Assert.Equal(9, options.Seed);
        Assert.Equal(new DateOnly(2027, 1, 4), options.StartDate);
    }

    [Theory]
    [InlineData("XXL")]
    [InlineData("")]
    [InlineData("10")]
    public void Unknown_size_is_refused(string size) =>
        Assert.Throws<ArgumentException>(() => GeneratorOptions.ForSize(size, 1));

    [Fact]
    public void Zero_projects_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EnterpriseGenerator.Generate(new GeneratorOptions { Projects = 0 }));

    [Fact]
    public void A_single_project_still_makes_an_enterprise()
    {
        var document = EnterpriseGenerator.Generate(new GeneratorOptions { Projects = 1, Seed = 5 });
        Assert.Single(document.Projects!);
        Assert.Equal(3, document.Portfolios!.Count);
        Assert.Equal(5, document.Resources!.Count);
        Assert.Empty(document.CrossLinks!);
    }
}
