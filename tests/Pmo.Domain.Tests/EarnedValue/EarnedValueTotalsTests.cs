using Pmo.Domain.EarnedValue;

namespace Pmo.Domain.Tests.EarnedValue;

public sealed class EarnedValueTotalsTests
{
    [Fact]
    public void Cpi_is_earned_value_over_actual_cost()
    {
        var totals = new EarnedValueTotals(Bac: 1000m, Ev: 400m, Ac: 500m, Pv: 800m);

        Assert.Equal(0.8m, totals.Cpi);
        Assert.Equal(0.5m, totals.Spi);
    }

    [Fact]
    public void Cpi_is_one_when_nothing_was_spent()
    {
        Assert.Equal(1m, new EarnedValueTotals(1000m, 400m, 0m, 800m).Cpi);
        Assert.Equal(1m, EarnedValueTotals.Zero.Cpi);
    }

    [Fact]
    public void Spi_is_one_when_nothing_was_planned()
    {
        Assert.Equal(1m, new EarnedValueTotals(1000m, 400m, 500m, 0m).Spi);
        Assert.Equal(1m, EarnedValueTotals.Zero.Spi);
    }

    [Fact]
    public void Eac_is_budget_at_completion_over_cpi()
    {
        var totals = new EarnedValueTotals(Bac: 1000m, Ev: 400m, Ac: 500m, Pv: 0m);

        Assert.Equal(1250m, totals.Eac);
    }

    [Fact]
    public void Eac_is_bac_when_nothing_was_spent()
    {
        Assert.Equal(1000m, new EarnedValueTotals(1000m, 0m, 0m, 300m).Eac);
        Assert.Equal(0m, EarnedValueTotals.Zero.Eac);
    }

    [Fact]
    public void Eac_is_actual_cost_plus_bac_when_cpi_is_zero()
    {
        var totals = new EarnedValueTotals(Bac: 1000m, Ev: 0m, Ac: 300m, Pv: 200m);

        Assert.Equal(0m, totals.Cpi);
        Assert.Equal(1300m, totals.Eac);
    }

    [Fact]
    public void Eac_stays_exact_when_cpi_is_a_repeating_fraction()
    {
        // CPI = 1/3 cannot be held exactly; BAC/CPI through it would read 2700.000…1 and
        // look like an overrun against a budget of exactly 2700.
        var totals = new EarnedValueTotals(Bac: 900m, Ev: 1m, Ac: 3m, Pv: 0m);

        Assert.Equal(2700m, totals.Eac);
    }

    [Fact]
    public void Extreme_figures_saturate_instead_of_throwing()
    {
        var tinySpend = new EarnedValueTotals(Bac: decimal.MaxValue, Ev: decimal.MaxValue, Ac: 0.0000001m, Pv: 0.0000001m);
        Assert.Equal(decimal.MaxValue, tinySpend.Cpi);
        Assert.Equal(decimal.MaxValue, tinySpend.Spi);

        var hugeSpend = new EarnedValueTotals(Bac: decimal.MaxValue, Ev: 0.0000001m, Ac: decimal.MaxValue, Pv: 0m);
        Assert.Equal(decimal.MaxValue, hugeSpend.Eac);

        var nothingEarned = new EarnedValueTotals(Bac: decimal.MaxValue, Ev: 0m, Ac: decimal.MaxValue, Pv: 0m);
        Assert.Equal(decimal.MaxValue, nothingEarned.Eac);
    }

    [Fact]
    public void Ratios_of_a_sum_come_from_summed_figures_not_averaged_ratios()
    {
        var efficient = new EarnedValueTotals(Bac: 1000m, Ev: 900m, Ac: 100m, Pv: 100m);  // CPI 9, SPI 9
        var wasteful = new EarnedValueTotals(Bac: 2000m, Ev: 10m, Ac: 1000m, Pv: 1000m);  // CPI 0.01, SPI 0.01

        var project = efficient + wasteful;

        Assert.Equal(new EarnedValueTotals(3000m, 910m, 1100m, 1100m), project);
        Assert.Equal(910m / 1100m, project.Cpi);
        Assert.Equal(910m / 1100m, project.Spi);
        Assert.NotEqual((efficient.Cpi + wasteful.Cpi) / 2, project.Cpi);
        Assert.Equal(3000m * 1100m / 910m, project.Eac);
        Assert.NotEqual(efficient.Eac + wasteful.Eac, project.Eac);
    }

    [Fact]
    public void Subtracting_a_task_takes_its_figures_out_of_the_sums()
    {
        var a = new EarnedValueTotals(1000m, 500m, 400m, 600m);
        var b = new EarnedValueTotals(200m, 100m, 300m, 200m);

        Assert.Equal(a, a + b - b);
    }
}
