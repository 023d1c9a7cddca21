using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using Pmo.Generator;

namespace Pmo.Load.Commands;

/// <summary>The options several verbs share, and the rules their values must meet.</summary>
public static class HarnessOptions
{
    public static Option<string> Size(bool required) => new Option<string>("--size")
    {
        Description = "the generated enterprise's size",
        HelpName = string.Join("|", GeneratorOptions.Sizes),
        Required = required,
    }.OneOf(GeneratorOptions.Sizes);

    /// <summary>A number with a default and a least value, e.g. <c>--duration</c>.</summary>
    public static Option<T> Number<T>(string name, T fallback, T minimum, string description) where T : struct, INumber<T> =>
        new Option<T>(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => fallback, CustomParser = AtLeast(name, minimum) };

    /// <summary>A number the verb cannot do without, e.g. <c>--days</c>.</summary>
    public static Option<T> RequiredNumber<T>(string name, T minimum, string description) where T : struct, INumber<T> =>
        new Option<T>(name) { Description = description, HelpName = "N", Required = true, CustomParser = AtLeast(name, minimum) };

    /// <summary>Reads a number in the invariant culture (whole for integer types) and refuses one below <paramref name="minimum"/>.</summary>
    private static Func<ArgumentResult, T> AtLeast<T>(string name, T minimum) where T : struct, INumber<T> => result =>
    {
        var text = result.Tokens[0].Value;
        var style = T.IsInteger(T.One) ? NumberStyles.Integer : NumberStyles.Float;
        if (!T.TryParse(text, style, CultureInfo.InvariantCulture, out var value))
            result.AddError($"{name} must be {(T.IsInteger(T.One) ? "a whole number" : "a number")}, not '{text}'");
        else if (value < minimum)
            result.AddError(Inv($"{name} must be at least {minimum}, not {text}"));
        return value;
    };

    /// <summary>Accepts one of <paramref name="choices"/>, in any case.</summary>
    public static Option<string> OneOf(this Option<string> option, IReadOnlyCollection<string> choices)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<string>() is { } value && !choices.Contains(value, StringComparer.OrdinalIgnoreCase))
                result.AddError($"{option.Name} must be one of {string.Join("|", choices)}, not '{value}'");
        });
        return option;
    }
}

/// <summary>The document a verb imports: a file, or one generated from a size and seed.</summary>
public sealed record DocumentChoice(string? File, string? Size, int Seed);

/// <summary>Where a verb drives a service, with which bearer token (null: authentication off), and which document it imports first.</summary>
public sealed record ServiceTarget(Uri Address, string? Token, DocumentChoice Document);

/// <summary>
/// <c>--target URL [--token TOKEN] (--document FILE | --size S [--seed N])</c>: the options of a verb
/// that imports a document into a running service and drives it.
/// </summary>
public sealed class ServiceOptions
{
    /// <summary>Read when --token is not given, so that a token need not appear in a shell history.</summary>
    public const string TokenVariable = "PMO_TOKEN";

    private readonly Option<Uri> _target = new("--target")
    {
        Description = "the service's base URL",
        HelpName = "URL",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                return uri;
            result.AddError($"--target must be an http(s) URL, not '{text}'");
            return null;
        },
    };

    // Not defaulted from the variable: help prints an option's default, and a token must not end up in a terminal or a CI log.
    private readonly Option<string> _token = new("--token") { Description = $"bearer token for a service with authentication on (default: ${TokenVariable})", HelpName = "TOKEN" };
    private readonly DocumentOptions _document;
    private readonly Func<string, string?> _environment;

    public ServiceOptions(Command command, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(command);
        _environment = environment;
        foreach (Option option in (Option[])[_target, _token]) command.Options.Add(option);
        _document = new DocumentOptions(command);
    }

    public ServiceTarget Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var token = parse.GetValue(_token) is { Length: > 0 } given ? given : _environment(TokenVariable) is { Length: > 0 } variable ? variable : null;
        return new ServiceTarget(parse.GetRequiredValue(_target), token, _document.Read(parse));
    }
}

/// <summary><c>(--document FILE | --size S [--seed N])</c>: the document a verb imports, one way or the other.</summary>
public sealed class DocumentOptions
{
    private readonly Option<string> _document = new("--document") { Description = "a portfolio document to import", HelpName = "FILE" };
    private readonly Option<string> _size = HarnessOptions.Size(required: false);
    private readonly Option<int> _seed = new("--seed") { Description = "the generator's seed (with --size), also the drive's", HelpName = "N", DefaultValueFactory = _ => 1 };

    public DocumentOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in (Option[])[_document, _size, _seed]) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            var file = result.GetResult(_document) is not null;
            var size = result.GetResult(_size) is not null;
            if (file && size) result.AddError("give --document or --size, not both");
            else if (!file && !size) result.AddError("give --document FILE or --size S|M|L|XL [--seed N]");
        });
    }

    public DocumentChoice Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new DocumentChoice(parse.GetValue(_document), parse.GetValue(_size), parse.GetValue(_seed));
    }
}
