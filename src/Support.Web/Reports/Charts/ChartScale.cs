using System.Globalization;

namespace Support.Web.Reports.Charts;

/// <summary>Maps values to SVG coordinates and picks "nice" axis ticks (1, 2, 5 × 10ⁿ).</summary>
public sealed class ChartScale
{
    public const double Width = 720, Height = 280, Left = 72, Right = 16, Top = 16, Bottom = 48;

    public ChartScale(IEnumerable<long> values)
    {
        var max = Math.Max(1, values.DefaultIfEmpty(0).Max());
        var rough = max / 4.0;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough);
        Step = Math.Max(1, (long)Math.Ceiling(step));
        Max = Step * (long)Math.Ceiling(max / (double)Step);
    }

    public long Max { get; }
    public long Step { get; }

    public IEnumerable<long> Ticks()
    {
        for (var tick = 0L; tick <= Max; tick += Step)
        {
            yield return tick;
        }
    }

    public static double PlotWidth => Width - Left - Right;
    public static double PlotHeight => Height - Top - Bottom;
    public static double Baseline => Top + PlotHeight;

    public double Y(long value) => Top + PlotHeight * (1 - value / (double)Max);

    /// <summary>Centre of slot <paramref name="index"/> of <paramref name="count"/> along the x axis.</summary>
    public static double SlotCentre(int index, int count) => Left + PlotWidth * (index + 0.5) / Math.Max(1, count);

    public static double SlotWidth(int count) => PlotWidth / Math.Max(1, count);

    /// <summary>At most twelve axis labels: a longer range labels every second (third, …) slot; the data table has all.</summary>
    public static bool ShowsLabel(int index, int count) => index % Math.Max(1, (int)Math.Ceiling(count / 12.0)) == 0;

    /// <summary>Invariant numbers for SVG attributes.</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
