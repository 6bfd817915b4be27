using Support.Web.Experiments;

namespace Support.Web.Prompt;

public enum PromptShow
{
    /// <summary>No prompt: a supporter, or hidden by a dismissal.</summary>
    None,
    /// <summary>The impression cap is reached: a small link instead of the prompt.</summary>
    Quiet,
    /// <summary>The prompt, in the publisher's copy or the browser's variant.</summary>
    Full,
}

/// <summary>What one view shows, and the browser's state after it (write it back when <see cref="Changed"/>).</summary>
public sealed record PromptDecision(PromptShow Show, VariantCopy? Variant, PromptState State, bool Changed);

/// <summary>
/// The prompt's whole policy as pure functions of (state, time, experiment, a random number): the article page and
/// the embed (issue 19, state in a signed token instead of a cookie) share it, and the time is an argument, never read here.
/// </summary>
public static class PromptDecisions
{
    public static PromptDecision Decide(
        PromptState state, DateTimeOffset now, PromptFatigueOptions rules, RunningExperiment? experiment, double random)
    {
        var t = now.ToUnixTimeSeconds();
        if (state.Supporter || (state.HiddenBy != PromptHiddenBy.None && t < state.HiddenUntil))
        {
            return new PromptDecision(PromptShow.None, null, state, false);
        }
        var windowStart = t - (long)rules.ImpressionWindow.TotalSeconds;
        var recent = CountAfter(state.Impressions, windowStart);
        if (recent >= rules.ImpressionCap)
        {
            return new PromptDecision(PromptShow.Quiet, null, state, false);
        }
        var next = state with
        {
            HiddenBy = PromptHiddenBy.None,
            HiddenUntil = 0,
            Impressions = WithImpression(state.Impressions, windowStart, recent, t),
        };
        if (experiment is null)
        {
            return new PromptDecision(PromptShow.Full, null, next, true);
        }
        var assigned = state.VariantFor(experiment.Id) is { } id ? experiment.Variants.FirstOrDefault(v => v.Id == id) : null;
        if (assigned is not null)
        {
            return new PromptDecision(PromptShow.Full, assigned, next, true);
        }
        var picked = experiment.Pick(random);
        next = next with
        {
            Assignments = [new PromptAssignment(experiment.Id, picked.Id),
                .. state.Assignments.Where(a => a.ExperimentId != experiment.Id).Take(PromptState.MaxAssignments - 1)],
        };
        return new PromptDecision(PromptShow.Full, picked, next, true);
    }

    private static int CountAfter(IReadOnlyList<long> impressions, long windowStart)
    {
        var count = 0;
        for (var i = 0; i < impressions.Count; i++)
        {
            count += impressions[i] > windowStart ? 1 : 0;
        }
        return count;
    }

    /// <summary>The impressions still in the window and this one, oldest first (below the cap, so all are kept).</summary>
    /// <remarks>Loops, not LINQ: this runs on every article view (docs/performance.md, article-page).</remarks>
    private static long[] WithImpression(IReadOnlyList<long> impressions, long windowStart, int recent, long now)
    {
        var kept = new long[recent + 1];
        var k = 0;
        for (var i = 0; i < impressions.Count; i++)
        {
            if (impressions[i] > windowStart)
            {
                kept[k++] = impressions[i];
            }
        }
        kept[k] = now;
        Array.Sort(kept);
        return kept;
    }

    /// <summary>The banner's close control.</summary>
    public static PromptState Closed(PromptState state, DateTimeOffset now, PromptFatigueOptions rules) =>
        Hide(state, PromptHiddenBy.Closed, now.Add(rules.CloseFor));

    /// <summary>"Remind me later", until the time the reader chose.</summary>
    public static PromptState Later(PromptState state, DateTimeOffset until) => Hide(state, PromptHiddenBy.Later, until);

    /// <summary>A recurring gift: never asked again in this browser; a one-time gift: quiet for a while.</summary>
    public static PromptState Gave(PromptState state, DateTimeOffset now, PromptFatigueOptions rules, bool recurring) =>
        recurring
            ? state with { Supporter = true, HiddenBy = PromptHiddenBy.None, HiddenUntil = 0, Impressions = [] }
            : Hide(state, PromptHiddenBy.GaveOnce, now.Add(rules.OneTimeGiftQuietFor));

    private static PromptState Hide(PromptState state, PromptHiddenBy kind, DateTimeOffset until) =>
        state.Supporter ? state : state with { HiddenBy = kind, HiddenUntil = until.ToUnixTimeSeconds() };
}
