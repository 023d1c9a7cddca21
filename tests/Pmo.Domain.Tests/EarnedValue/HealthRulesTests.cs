using Pmo.Domain.EarnedValue;

namespace Pmo.Domain.Tests.EarnedValue;

public sealed class HealthRulesTests
{
    private const decimal RoomyBudget = 1_000_000m;

    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>Totals with the given CPI and nothing planned (SPI 1).</summary>
    private static EarnedValueTotals WithCpi(decimal cpi) => new(Bac: 100m, Ev: cpi * 100m, Ac: 100m, Pv: 0m);

    /// <summary>Totals with the given SPI and nothing spent (CPI 1, EAC = BAC).</summary>
    private static EarnedValueTotals WithSpi(decimal spi) => new(Bac: 100m, Ev: spi * 100m, Ac: 0m, Pv: 100m);

    [Fact]
    public void On_plan_and_on_budget_is_green()
    {
        var totals = new EarnedValueTotals(Bac: 100m, Ev: 50m, Ac: 50m, Pv: 50m);

        Assert.Equal(Health.Green, HealthRules.Of(totals, 100m, finishLaterThanBaseline: false));
        Assert.Equal(Health.Green, HealthRules.Of(EarnedValueTotals.Zero, 0m, finishLaterThanBaseline: false));
    }

    [Theory]
    [InlineData("0.84", Health.Red)]
    [InlineData("0.85", Health.Amber)]
    [InlineData("0.94", Health.Amber)]
    [InlineData("0.95", Health.Green)]
    [InlineData("1.5", Health.Green)]
    public void Cpi_and_spi_have_the_same_thresholds(string ratio, Health expected)
    {
        var withCpi = WithCpi(D(ratio));
        var withSpi = WithSpi(D(ratio));

        Assert.Equal((D(ratio), D(ratio)), (withCpi.Cpi, withSpi.Spi));
        Assert.Equal(expected, HealthRules.Of(withCpi, RoomyBudget, finishLaterThanBaseline: false));
        Assert.Equal(expected, HealthRules.Of(withSpi, RoomyBudget, finishLaterThanBaseline: false));
    }

    [Theory]
    [InlineData("100", Health.Green)]
    [InlineData("100.01", Health.Amber)]
    [InlineData("110", Health.Amber)]
    [InlineData("110.01", Health.Red)]
    public void Eac_against_budget_thresholds(string eac, Health expected)
    {
        var totals = new EarnedValueTotals(Bac: D(eac), Ev: 0m, Ac: 0m, Pv: 0m);

        Assert.Equal(D(eac), totals.Eac);
        Assert.Equal(expected, HealthRules.Of(totals, budget: 100m, finishLaterThanBaseline: false));
    }

    [Fact]
    public void Any_forecast_cost_over_a_zero_budget_is_red()
    {
        var totals = new EarnedValueTotals(Bac: 0.01m, Ev: 0m, Ac: 0m, Pv: 0m);

        Assert.Equal(Health.Red, HealthRules.Of(totals, budget: 0m, finishLaterThanBaseline: false));
    }

    [Fact]
    public void Finish_later_than_baseline_is_amber()
    {
        Assert.Equal(Health.Amber, HealthRules.Of(WithCpi(1m), RoomyBudget, finishLaterThanBaseline: true));
    }

    [Fact]
    public void Red_outranks_a_late_finish()
    {
        Assert.Equal(Health.Red, HealthRules.Of(WithCpi(0.5m), RoomyBudget, finishLaterThanBaseline: true));
    }
}
