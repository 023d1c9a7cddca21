using System.Diagnostics.CodeAnalysis;

namespace Pmo.Load.Model;

/// <summary>
/// The harness's portfolios seen as the child → parent map the service's <see cref="Pmo.Domain.Catalog.PortfolioTree"/>
/// reads: a live view, not a copy, because the model asks for lineages once per project and command.
/// </summary>
internal sealed class PortfolioParents(Dictionary<string, PortfolioState> portfolios) : IReadOnlyDictionary<string, string?>
{
    public string? this[string key] => portfolios[key].ParentId;
    public IEnumerable<string> Keys => portfolios.Keys;
    public IEnumerable<string?> Values => portfolios.Values.Select(p => p.ParentId);
    public int Count => portfolios.Count;
    public bool ContainsKey(string key) => portfolios.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        value = portfolios.TryGetValue(key, out var portfolio) ? portfolio.ParentId : null;
        return portfolio is not null;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() =>
        portfolios.Select(p => KeyValuePair.Create(p.Key, p.Value.ParentId)).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
