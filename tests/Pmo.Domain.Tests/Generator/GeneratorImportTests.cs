using Pmo.Generator;

namespace Pmo.Domain.Tests.Generator;

public sealed class GeneratorImportTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Generated_documents_pass_import_validation(int seed)
    {
        var document = EnterpriseGenerator.Generate(GeneratorOptions.ForSize("S", seed));

        var plan = new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);

        Assert.Null(refusal);
        Assert.NotNull(plan);
        Assert.Equal(document.Projects!.Count, plan.Projects.Count);
        Assert.Equal(document.CrossLinks!.Count, plan.CrossLinks.Count);
        Assert.Equal(document.Resources!.Count, plan.Resources.Count);
        Assert.Equal(document.Portfolios!.Count, plan.Portfolios.Count);
    }

    [Fact]
    public void The_demo_document_passes_import_validation()
    {
        var document = EnterpriseGenerator.Generate(GeneratorOptions.ForSize("demo", 1));
        new EnterpriseCatalog(new CatalogState()).ValidateImport(document, out var refusal);
        Assert.Null(refusal);
    }
}
