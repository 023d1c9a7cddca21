using Pmo.Domain.EarnedValue;

namespace Pmo.Domain.Tests.EarnedValue;

public sealed class EarnedValueTotalsTests
{
    [Theory]
    [InlineData(1000, 400, 500, 800, "0.8", "0.5", "1250")] // CPI = EV / AC, SPI = EV / PV, EAC = BAC / CPI
    [InlineData(1000, 400, 500, 0, "0.8", "1", "1250")] // nothing planned: SPI is one
    [InlineData(1000, 0, 300, 200, "0", "0", "1300")] // CPI zero: EAC = AC + BAC
    [InlineData(1000, 400, 0, 800, "1", "0.5", "1000")] // nothing spent: CPI is one, EAC = BAC
    [InlineData(1000, 0, 0, 300, "1", "0", "1000")]
    public void Cpi_spi_and_eac_follow_from_the_figures(int bac, int ev, int ac, int pv, string cpi, string spi, string eac)
    {
        var totals = new EarnedValueTotals(bac, ev, ac, pv);

        Assert.Equal(decimal.Parse(cpi, CultureInfo.InvariantCulture), totals.Cpi);
        Assert.Equal(decimal.Parse(spi, CultureInfo.InvariantCulture), totals.Spi);
        Assert.Equal(decimal.Parse(eac, CultureInfo.InvariantCulture), totals.Eac);
    }

    [Fact]
    public void Zero_totals_have_ratios_of_one_and_no_eac()
    {
        Assert.Equal((1m, 1m, 0m), (EarnedValueTotals.Zero.Cpi, EarnedValueTotals.Zero.Spi, EarnedValueTotals.Zero.Eac));
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
