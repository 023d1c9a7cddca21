using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Components.Views;

/// <summary>Which project rows the overview shows and in what order: pure, so it is tested without rendering.</summary>
public static class ProjectList
{
    public static readonly string[] SortKeys = ["name", "health", "budget", "eac", "cpi", "spi", "finish", "slip", "alerts"];

    public static List<ProjectRow> Select(
        IEnumerable<ProjectRow> rows, string? text, string? health, IReadOnlySet<string>? portfolios, string sort, bool descending)
    {
        var query = rows;
        if (!string.IsNullOrWhiteSpace(text))
            query = query.Where(r => r.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || r.Id.Contains(text, StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrEmpty(health)) query = query.Where(r => r.Health == health);
        if (portfolios is not null) query = query.Where(r => portfolios.Contains(r.PortfolioId));
        Func<ProjectRow, object> key = sort switch
        {
            "health" => r => HealthRank(r.Health),
            "budget" => r => r.Budget,
            "eac" => r => r.Eac,
            "cpi" => r => r.Cpi,
            "spi" => r => r.Spi,
            "finish" => r => r.Finish,
            "slip" => r => r.SlipDays,
            "alerts" => r => r.OpenAlerts,
            _ => r => r.Name,
        };
        var ordered = descending ? query.OrderByDescending(key) : query.OrderBy(key);
        return [.. ordered.ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>Red sorts first when descending: worst news at the top.</summary>
    public static int HealthRank(string health) => health switch { "red" => 2, "amber" => 1, _ => 0 };

    /// <summary>A portfolio and every portfolio below it.</summary>
    public static HashSet<string> Subtree(IEnumerable<PortfolioRow> portfolios, string rootId)
    {
        var children = portfolios.Where(p => p.ParentId is not null).ToLookup(p => p.ParentId!);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([rootId]);
        while (stack.TryPop(out var id))
            if (result.Add(id))
                foreach (var child in children[id]) stack.Push(child.Id);
        return result;
    }
}
