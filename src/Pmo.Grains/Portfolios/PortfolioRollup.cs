using Pmo.Domain.EarnedValue;

namespace Pmo.Grains.Portfolios;

/// <summary>
/// A portfolio subtree's figures. Earned-value sums add up and ratios come from the sums; eac is
/// the sum of the projects' own eac (CONTRACT.md), not BAC/CPI of the sums.
/// </summary>
internal sealed record PortfolioRollup(EarnedValueTotals Totals, decimal Eac, int ProjectCount, DateOnly? Finish, bool AnyProjectLate)
{
    public static PortfolioRollup Of(PortfolioState state)
    {
        var totals = EarnedValueTotals.Zero;
        decimal eac = 0;
        var count = 0;
        DateOnly? finish = null;
        var late = false;
        foreach (var project in state.Projects.Values.Select(p => p.Value).OfType<ProjectSummary>())
        {
            totals += project.Totals;
            eac += project.Totals.Eac;
            count++;
            finish = Later(finish, project.Finish);
            late |= project.Finish > project.BaselineFinish;
        }
        foreach (var child in state.Children.Values.Select(c => c.Value).OfType<SubtreeTotals>())
        {
            totals += child.Totals;
            eac += child.Eac;
            count += child.ProjectCount;
            finish = Later(finish, child.Finish);
        }
        return new PortfolioRollup(totals, eac, count, finish, late);
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
