namespace Pmo.Domain.EarnedValue;

/// <summary>
/// Earned-value sums for a task, a project or a portfolio subtree. Sums add; ratios are
/// derived from the sums ("sums first, then ratios", CONTRACT.md), never averaged.
/// </summary>
public readonly record struct EarnedValueTotals(decimal Bac, decimal Ev, decimal Ac, decimal Pv)
{
    public static EarnedValueTotals Zero => default;

    /// <summary>ΣEV/ΣAC, 1 when ΣAC is 0.</summary>
    public decimal Cpi => Ac == 0m ? 1m : SafeMath.Divide(Ev, Ac);

    /// <summary>ΣEV/ΣPV, 1 when ΣPV is 0.</summary>
    public decimal Spi => Pv == 0m ? 1m : SafeMath.Divide(Ev, Pv);

    /// <summary>BAC/CPI, or AC + BAC when CPI is 0.</summary>
    public decimal Eac
    {
        get
        {
            if (Ac == 0m) return Bac;
            if (Ev == 0m) return SafeMath.Add(Ac, Bac);
            // BAC/CPI is BAC×AC/EV; dividing by the already rounded CPI would turn an exact 900 into
            // 900.0000…01 and raise a BudgetOverrun on a project that is exactly on budget.
            return SafeMath.TryMultiply(Bac, Ac, out var product)
                ? SafeMath.Divide(product, Ev)
                : SafeMath.Divide(Bac, Cpi);
        }
    }

    public static EarnedValueTotals operator +(EarnedValueTotals a, EarnedValueTotals b) =>
        new(a.Bac + b.Bac, a.Ev + b.Ev, a.Ac + b.Ac, a.Pv + b.Pv);

    public static EarnedValueTotals operator -(EarnedValueTotals a, EarnedValueTotals b) =>
        new(a.Bac - b.Bac, a.Ev - b.Ev, a.Ac - b.Ac, a.Pv - b.Pv);
}
