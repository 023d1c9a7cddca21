namespace Pmo.Domain.EarnedValue;

/// <summary>
/// Earned-value sums for a task, a project or a portfolio subtree. Sums add; ratios are
/// derived from the sums ("sums first, then ratios", CONTRACT.md), never averaged.
/// </summary>
public readonly record struct EarnedValueTotals(decimal Bac, decimal Ev, decimal Ac, decimal Pv)
{
    public static EarnedValueTotals Zero => default;

    /// <summary>ΣEV/ΣAC, 1 when ΣAC is 0.</summary>
    public decimal Cpi => throw new NotImplementedException();

    /// <summary>ΣEV/ΣPV, 1 when ΣPV is 0.</summary>
    public decimal Spi => throw new NotImplementedException();

    /// <summary>BAC/CPI, or AC + BAC when CPI is 0.</summary>
    public decimal Eac => throw new NotImplementedException();

    public static EarnedValueTotals operator +(EarnedValueTotals a, EarnedValueTotals b) =>
        new(a.Bac + b.Bac, a.Ev + b.Ev, a.Ac + b.Ac, a.Pv + b.Pv);

    public static EarnedValueTotals operator -(EarnedValueTotals a, EarnedValueTotals b) =>
        new(a.Bac - b.Bac, a.Ev - b.Ev, a.Ac - b.Ac, a.Pv - b.Pv);
}
