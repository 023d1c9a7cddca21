namespace Pmo.Grains.Alerts;

/// <summary>
/// A scope of the alert log: "all", "portfolio:{id}", "project:{id}" or "resource:{id}".
/// A portfolio scope covers alerts of every portfolio below it.
/// </summary>
public readonly record struct AlertScope(string Kind, string? Id)
{
    public static readonly AlertScope All = new("all", null);

    public static bool TryParse(string? text, out AlertScope scope)
    {
        scope = All;
        if (string.IsNullOrWhiteSpace(text) || text == "all") return true;
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        var kind = text[..colon];
        if (kind is not ("portfolio" or "project" or "resource")) return false;
        scope = new AlertScope(kind, text[(colon + 1)..]);
        return true;
    }

    public override string ToString() => Id is null ? Kind : $"{Kind}:{Id}";

    public bool Covers(AlertEntry entry, Func<string, IEnumerable<string>> portfolioAndAncestors)
    {
        var id = Id;
        return Kind switch
        {
            "all" => true,
            "project" => entry.ProjectIds.Contains(id),
            "resource" => entry.ResourceIds.Contains(id),
            "portfolio" => entry.PortfolioIds.Any(p => portfolioAndAncestors(p).Contains(id)),
            _ => false,
        };
    }
}
