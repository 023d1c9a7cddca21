namespace Pmo.Grains.Propagation;

/// <summary>
/// Rounding for display only: sums and ratios are kept exact inside the grains (so that roll-ups
/// add up), and rounded where they leave for a reader (the API's views, the host's pushes and dashboard rows).
/// </summary>
public static class Figures
{
    public static decimal Money(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    public static decimal Index(decimal value) => decimal.Round(value, 4, MidpointRounding.AwayFromZero);
}
