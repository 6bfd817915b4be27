namespace Support.Web.Experiments;

/// <summary>
/// The arithmetic of the results page, as pure functions (docs/experiments.md works one example through by hand).
/// Conversion is gifts per view. Each variant's rate has a Beta(1 + gifts, 1 + views − gifts) posterior (a flat
/// prior); the probability that one beats another uses the normal approximation of the two posteriors' difference.
/// </summary>
public static class ExperimentStatistics
{
    /// <summary>z for a two-sided 95% interval or test.</summary>
    public const double Z95 = 1.959964;
    /// <summary>z for 80% power.</summary>
    public const double Z80 = 0.841621;

    /// <summary>Wilson score interval of gifts/views at 95%; (0, 0) without views.</summary>
    public static (double Low, double High) WilsonInterval(long gifts, long views)
    {
        if (views <= 0)
        {
            return (0, 0);
        }
        double n = views, p = (double)gifts / views, z2 = Z95 * Z95;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>P(rate of B &gt; rate of A) under flat priors, normal approximation of the Beta posteriors.</summary>
    public static double ProbabilityBBeatsA(long giftsA, long viewsA, long giftsB, long viewsB)
    {
        var (meanA, varA) = Posterior(giftsA, viewsA);
        var (meanB, varB) = Posterior(giftsB, viewsB);
        return NormalCdf((meanB - meanA) / Math.Sqrt(varA + varB));
    }

    /// <summary>
    /// Views per variant a two-proportion test needs to detect a <paramref name="relativeLift"/> over
    /// <paramref name="baseline"/> (5% two-sided, 80% power); null when the baseline is zero.
    /// </summary>
    public static long? ViewsPerVariantFor(double baseline, double relativeLift = 0.10)
    {
        if (baseline <= 0 || baseline >= 1)
        {
            return null;
        }
        var p2 = Math.Min(0.999999, baseline * (1 + relativeLift));
        var spread = baseline * (1 - baseline) + p2 * (1 - p2);
        var n = (Z95 + Z80) * (Z95 + Z80) * spread / ((p2 - baseline) * (p2 - baseline));
        return (long)Math.Ceiling(n);
    }

    private static (double Mean, double Variance) Posterior(long gifts, long views)
    {
        double a = gifts + 1, b = Math.Max(0, views - gifts) + 1;
        var mean = a / (a + b);
        return (mean, a * b / ((a + b) * (a + b) * (a + b + 1)));
    }

    /// <summary>Φ(x) via erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7).</summary>
    public static double NormalCdf(double x)
    {
        var t = 1 / (1 + 0.3275911 * Math.Abs(x) / Math.Sqrt(2));
        var poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        var erf = 1 - poly * Math.Exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
