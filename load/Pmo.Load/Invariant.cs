using System.Globalization;

namespace Pmo.Load;

/// <summary>
/// Everything the harness writes (reports, logs, charts) is read by tools and people in other
/// locales, so numbers and dates are formatted with the invariant culture. Use it as
/// <c>using static Pmo.Load.Invariant;</c>.
/// </summary>
public static class Invariant
{
    public static string Inv(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(CultureInfo.InvariantCulture);
    }
}
