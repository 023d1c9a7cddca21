namespace Pmo.Domain.Tests.Catalog;

public sealed class PortfolioTreeTests
{
    private static readonly PortfolioTree Tree = new(new Dictionary<string, string?>
    {
        ["root"] = null,
        ["ops"] = "root",
        ["ops-eu"] = "ops",
        ["ops-us"] = "ops",
        ["fin"] = "root",
        ["lone"] = null,
    });

    [Fact]
    public void Lineage_runs_from_the_portfolio_up_to_its_root() =>
        Assert.Equal(["ops-eu", "ops", "root"], Tree.Lineage("ops-eu"));

    [Fact]
    public void Subtree_holds_the_granted_portfolios_and_everything_below_but_nothing_above_or_beside()
    {
        Assert.Equal(new HashSet<string> { "ops", "ops-eu", "ops-us" }, Tree.Subtree(["ops"]));
        Assert.Equal(new HashSet<string> { "ops-us", "lone" }, Tree.Subtree(["ops-us", "lone"]));
        Assert.Empty(Tree.Subtree([]));
        Assert.Empty(Tree.Subtree(["unknown"]));
    }

    [Fact]
    public void A_ring_in_old_state_ends_the_lineage_instead_of_looping()
    {
        var ring = new PortfolioTree(new Dictionary<string, string?> { ["a"] = "b", ["b"] = "a" });
        Assert.True(ring.Lineage("a").Count() <= 3);
        Assert.Equal(new HashSet<string> { "a", "b" }, ring.Subtree(["a"]));
    }
}
