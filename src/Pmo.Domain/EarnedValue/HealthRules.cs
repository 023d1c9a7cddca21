namespace Pmo.Domain.EarnedValue;

public enum Health { Green, Amber, Red }

/// <summary>
/// Traffic-light health of a project or a portfolio subtree. Thresholds (documented in README):
/// red when CPI &lt; 0.85, SPI &lt; 0.85, or EAC &gt; 110 % of budget;
/// amber when CPI &lt; 0.95, SPI &lt; 0.95, EAC &gt; budget, or the finish is later than the baseline finish;
/// green otherwise.
/// </summary>
public static class HealthRules
{
    public const decimal RedIndex = 0.85m;
    public const decimal AmberIndex = 0.95m;
    public const decimal RedOverrun = 1.10m;

    public static Health Of(EarnedValueTotals totals, decimal budget, bool finishLaterThanBaseline) =>
        Of(totals.Cpi, totals.Spi, totals.Eac, budget, finishLaterThanBaseline);

    /// <summary>
    /// The same thresholds for indices and an eac from elsewhere: a portfolio's eac is the sum of its
    /// projects' eac, not the eac of its summed totals.
    /// </summary>
    public static Health Of(decimal cpi, decimal spi, decimal eac, decimal budget, bool finishLaterThanBaseline)
    {
        if (cpi < RedIndex || spi < RedIndex || eac > SafeMath.Multiply(budget, RedOverrun))
            return Health.Red;
        if (cpi < AmberIndex || spi < AmberIndex || eac > budget || finishLaterThanBaseline)
            return Health.Amber;
        return Health.Green;
    }
}
