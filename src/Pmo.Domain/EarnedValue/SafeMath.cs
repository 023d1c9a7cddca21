namespace Pmo.Domain.EarnedValue;

/// <summary>
/// Decimal arithmetic that saturates instead of throwing: figures are recomputed inside grains on
/// every change, and one absurd input (a tiny actual cost against a huge earned value) must not
/// make a project's figures uncomputable.
/// </summary>
internal static class SafeMath
{
    public static decimal Divide(decimal dividend, decimal divisor)
    {
        if (divisor == 0m) return Saturated(dividend >= 0m);
        try
        {
            return dividend / divisor;
        }
        catch (OverflowException)
        {
            return Saturated((dividend >= 0m) == (divisor > 0m));
        }
    }

    public static decimal Multiply(decimal a, decimal b) =>
        TryMultiply(a, b, out var product) ? product : Saturated((a >= 0m) == (b >= 0m));

    public static bool TryMultiply(decimal a, decimal b, out decimal product)
    {
        try
        {
            product = a * b;
            return true;
        }
        catch (OverflowException)
        {
            product = 0m;
            return false;
        }
    }

    public static decimal Add(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException)
        {
            return Saturated(a > 0m);
        }
    }

    public static decimal Subtract(decimal a, decimal b)
    {
        try
        {
            return a - b;
        }
        catch (OverflowException)
        {
            return Saturated(a > 0m);
        }
    }

    private static decimal Saturated(bool positive) => positive ? decimal.MaxValue : decimal.MinValue;
}
