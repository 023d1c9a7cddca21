using System.Globalization;
using System.Net;
using System.Text;

namespace Pmo.Load.Reports;

/// <summary>One line of a chart: a name, a colour and (x, y) points in x order.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

/// <summary>
/// Line charts as inline SVG, drawn here rather than by a charting script so that report.html
/// opens anywhere, offline, and can be attached to a PR as one file.
/// </summary>
public static class SvgChart
{
    private const int Width = 760, Height = 260, Left = 64, Right = 16, Top = 28, Bottom = 40;

    public static string Line(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.SelectMany(s => s.Points).ToList();
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{E(title)}\">"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{E(title)}</text>"));
        if (points.Count == 0)
        {
            svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" fill=\"#888\">no data</text></svg>"));
            return svg.ToString();
        }

        var xMax = NiceCeiling(Math.Max(1, points.Max(p => p.X)));
        var xMin = Math.Min(0, points.Min(p => p.X));
        var yMax = NiceCeiling(points.Max(p => p.Y));
        double Px(double x) => Left + (x - xMin) / (xMax - xMin) * (Width - Left - Right);
        double Py(double y) => Height - Bottom - y / yMax * (Height - Top - Bottom);

        // Axes, grid and ticks.
        for (var i = 0; i <= 4; i++)
        {
            var y = yMax * i / 4;
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Py(y):0.#}\" x2=\"{Width - Right}\" y2=\"{Py(y):0.#}\" stroke=\"#e4e4e4\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{Py(y) + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{Tick(y)}</text>"));
        }
        for (var i = 0; i <= 5; i++)
        {
            var x = xMin + (xMax - xMin) * i / 5;
            svg.Append(Inv($"<text x=\"{Px(x):0.#}\" y=\"{Height - Bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{Tick(x)}</text>"));
        }
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>"));
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>"));
        svg.Append(Inv($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" font-size=\"11\" text-anchor=\"middle\">{E(xLabel)}</text>"));
        svg.Append(Inv($"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{E(yLabel)}</text>"));

        var legendX = Width - Right - 8;
        foreach (var s in series.Reverse())
        {
            var label = E(s.Name);
            legendX -= 22 + s.Name.Length * 7;
            svg.Append(Inv($"<rect x=\"{legendX}\" y=\"10\" width=\"10\" height=\"10\" fill=\"{s.Color}\"/><text x=\"{legendX + 13}\" y=\"19\" font-size=\"10\">{label}</text>"));
        }

        foreach (var s in series)
        {
            if (s.Points.Count == 0) continue;
            if (s.Points.Count == 1)
            {
                var (x, y) = s.Points[0];
                svg.Append(Inv($"<circle cx=\"{Px(x):0.#}\" cy=\"{Py(y):0.#}\" r=\"3\" fill=\"{s.Color}\"/>"));
                continue;
            }
            var path = string.Join(" ", s.Points.Select(p => Inv($"{Px(p.X):0.#},{Py(p.Y):0.#}")));
            svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.6\" points=\"{path}\"/>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least the value (so the top gridline is round).</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0 || double.IsNaN(value)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
            if (step * power >= value) return step * power;
        return 10 * power;
    }

    private static string Tick(double value) =>
        value >= 1_000_000 ? (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M"
        : value >= 10_000 ? (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : value.ToString(value >= 10 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
