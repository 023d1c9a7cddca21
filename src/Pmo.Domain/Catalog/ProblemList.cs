namespace Pmo.Domain.Catalog;

/// <summary>Field path to messages, in the order the problems were found.</summary>
internal sealed class ProblemList
{
    // Dictionary keeps insertion order while nothing is removed, which keeps the reply stable
    // and in document order.
    private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public bool Any => Count > 0;

    public void Add(string path, string message)
    {
        if (!_byPath.TryGetValue(path, out var messages))
        {
            messages = [];
            _byPath.Add(path, messages);
        }
        messages.Add(message);
        Count++;
    }

    public IReadOnlyDictionary<string, string[]> ToErrors() =>
        _byPath.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    public Refusal Invalid(string detail) => new()
    {
        Kind = RefusalKind.Invalid,
        Detail = detail,
        Errors = ToErrors(),
    };
}
