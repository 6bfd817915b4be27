using Support.Web.Experiments;
using Support.Web.Prompt;

namespace Support.Tests.Experiments;

public sealed class VariantAssignmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PromptFatigueOptions _rules = new();

    private static RunningExperiment Experiment(params int[] weights) => RunningExperiment.WithStoredWeights(42, "Test",
        [.. weights.Select((w, i) => new VariantCopy(100 + i, 42, $"V{i}", w, $"Heading {i}", null, null, null, null, null, null))]);

    [Theory]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 1, 3 })]
    [InlineData(new[] { 2, 1, 1 })]
    [InlineData(new[] { 1, 1, 1, 1 })]
    public void Ten_thousand_fresh_browsers_split_within_three_points_of_the_weights(int[] weights)
    {
        var experiment = Experiment(weights);
        var random = new Random(20261201);
        var seen = new Dictionary<long, int>();

        for (var browser = 0; browser < 10_000; browser++)
        {
            var decision = PromptDecisions.Decide(PromptState.Fresh, Now, _rules, experiment, random.NextDouble());
            seen[decision.Variant!.Id] = seen.GetValueOrDefault(decision.Variant.Id) + 1;
        }

        var total = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            var share = seen.GetValueOrDefault(100 + i) / 10_000.0;
            Assert.InRange(share, (double)weights[i] / total - 0.03, (double)weights[i] / total + 0.03);
        }
    }

    [Fact]
    public void A_browser_keeps_its_variant_whatever_the_next_random_number()
    {
        var experiment = Experiment(1, 1);
        var first = PromptDecisions.Decide(PromptState.Fresh, Now, _rules, experiment, 0.99);
        var state = first.State;

        foreach (var random in new[] { 0.0, 0.25, 0.5, 0.75 })
        {
            var next = PromptDecisions.Decide(state, Now.AddHours(1), _rules, experiment, random);
            Assert.Equal(first.Variant!.Id, next.Variant!.Id);
            state = next.State with { Impressions = [] };
        }
        Assert.Equal(101, first.Variant!.Id);
    }

    [Fact]
    public void A_variant_no_longer_running_is_replaced_by_a_fresh_pick()
    {
        var state = PromptState.Fresh with { Assignments = [new PromptAssignment(42, 999)] };

        var decision = PromptDecisions.Decide(state, Now, _rules, Experiment(1, 1), 0.1);

        Assert.Equal(100, decision.Variant!.Id);
        Assert.Equal(100, decision.State.VariantFor(42));
    }

    [Fact]
    public void Bandit_shares_favour_the_best_revenue_per_view_and_keep_exploring()
    {
        // Revenue per view: 0.5, 0.8, 0.3 → the second gets 1 − 0.2 + 0.2/3; the others 0.2/3 each.
        var shares = BanditShares.Split([(1000, 500), (1000, 800), (2000, 600)], explore: 0.2);

        Assert.Equal([0.2 / 3, 0.8 + 0.2 / 3, 0.2 / 3], shares, new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
