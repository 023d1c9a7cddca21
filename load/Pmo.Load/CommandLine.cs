using System.Globalization;

namespace Pmo.Load;

/// <summary>
/// A verb followed by <c>--name value</c>, <c>--name=value</c> or bare <c>--flag</c> options, parsed by hand
/// to keep the harness free of dependencies. Only a leading "--" starts an option, so "--lag -2" works.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options;

    private CommandLine(string? verb, Dictionary<string, string?> options)
    {
        Verb = verb;
        _options = options;
    }

    public string? Verb { get; }

    public IEnumerable<string> OptionNames => _options.Keys;

    /// <exception cref="UsageException">Stray positional arguments, an empty or repeated option.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? verb = null;
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (i == 0) { verb = arg; continue; }
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (name.Length == 0) throw new UsageException($"malformed option '{arg}'");
            if (!options.TryAdd(name, value)) throw new UsageException($"--{name} is given twice");
        }
        return new CommandLine(verb, options);
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Optional(string name)
    {
        if (!_options.TryGetValue(name, out var value)) return null;
        return string.IsNullOrEmpty(value) ? throw new UsageException($"--{name} needs a value") : value;
    }

    public string Required(string name) => Optional(name) ?? throw new UsageException($"--{name} is required");

    public int RequiredInt(string name) => ToInt(name, Required(name));

    public int OptionalInt(string name, int fallback) => Optional(name) is { } text ? ToInt(name, text) : fallback;

    /// <summary>Refuses options the verb does not know, so a typo is not silently ignored.</summary>
    public void RejectUnknown(IReadOnlyCollection<string> known)
    {
        foreach (var name in _options.Keys)
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new UsageException($"unknown option --{name}");
    }

    private static int ToInt(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{name} must be a whole number, not '{text}'");
}

/// <summary>The command line is wrong: the harness prints the message and the usage, and exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);
