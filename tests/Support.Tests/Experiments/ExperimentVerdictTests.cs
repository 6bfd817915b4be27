using Support.Data.Experiments;
using Support.Web.Experiments;

namespace Support.Tests.Experiments;

/// <summary>The results' numbers on fixed data, each worked out by hand in the comments (docs/experiments.md).</summary>
public sealed class ExperimentVerdictTests
{
    private static ExperimentResult Results(long viewsA, long giftsA, long viewsB, long giftsB)
    {
        var experiment = new Experiment { Id = 1, Name = "Heading test", StartedAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) };
        experiment.Variants.Add(new ExperimentVariant { Id = 10, Position = 0, Name = "A", Weight = 1, Views = viewsA });
        experiment.Variants.Add(new ExperimentVariant { Id = 11, Position = 1, Name = "B", Weight = 1, Views = viewsB });
        var outcomes = new Dictionary<long, VariantOutcome>
        {
            [10] = new(giftsA, giftsA * 500, giftsA * 500),
            [11] = new(giftsB, giftsB * 500, giftsB * 500),
        };
        return ExperimentResults.Build(experiment, outcomes, "usd");
    }

    [Fact]
    public void A_clear_difference_is_called_with_its_probability()
    {
        // A: 100 gifts in 20,000 views; B: 135 in 20,000.
        // Posterior means (gifts + 1) / (views + 2): A 101/20002 = 0.0050495, B 136/20002 = 0.0067993.
        // Variances a·b / ((a+b)²(a+b+1)): A 101·19901/(20002²·20003) = 2.5116e-7, B 136·19866/(20002²·20003) = 3.3760e-7.
        // z = (0.0067993 − 0.0050495) / √(5.8876e-7) = 0.0017498 / 0.00076731 = 2.2805; Φ(2.2805) = 0.98871.
        var result = Results(20_000, 100, 20_000, 135);

        Assert.Equal(0.9887, result.Variants[1].ProbabilityBeatsControl);
        Assert.Equal("B beats A with 98.8% probability", result.Verdict);
    }

    [Fact]
    public void Conversion_per_thousand_views_has_its_wilson_interval()
    {
        // A: p = 100/20000 = 0.005, z = 1.959964, z² = 3.841459, n = 20000.
        // centre = (0.005 + 3.841459/40000) / (1 + 3.841459/20000) = 0.00509604 / 1.00019207 = 0.00509506
        // half = 1.959964·√(0.005·0.995/20000 + 3.841459/1.6e9) / 1.00019207 = 1.959964·0.00050115/1.00019207 = 0.00098205
        // → 0.00411301 to 0.00607711: 4.11 to 6.08 per 1,000 views.
        var a = Results(20_000, 100, 20_000, 135).Variants[0];

        Assert.Equal(5.0, a.ConversionPer1000);
        Assert.Equal(4.11, a.ConversionPer1000Low);
        Assert.Equal(6.08, a.ConversionPer1000High);
        Assert.Equal(2500, a.RevenuePer1000ViewsCents);
    }

    [Fact]
    public void A_small_difference_says_how_many_more_views_are_needed()
    {
        // A: 50 gifts in 10,000 views; B: 55 in 10,000. P(B > A) = Φ(0.4847) = 0.686: no verdict.
        // Baseline p1 = 105/20000 = 0.00525, p2 = 1.1·p1 = 0.005775.
        // n = (1.959964 + 0.841621)² · (p1(1−p1) + p2(1−p2)) / (p2 − p1)² = 7.848879 · 0.01096409 / 2.75625e-7 = 312,221 per variant.
        // More views: 2 · (312,221 − 10,000) = 604,442.
        var result = Results(10_000, 50, 10_000, 55);

        Assert.Equal(0.6861, result.Variants[1].ProbabilityBeatsControl);
        Assert.Equal("Not enough data yet: about 604,442 more views needed for a 10% lift.", result.Verdict);
    }

    [Fact]
    public void Without_gifts_the_verdict_says_so()
    {
        Assert.Equal("Not enough data yet: no gifts so far, so no estimate of the views needed.", Results(300, 0, 300, 0).Verdict);
    }
}
