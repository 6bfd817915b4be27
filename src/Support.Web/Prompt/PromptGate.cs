using Microsoft.Extensions.Options;
using Support.Web.Experiments;

namespace Support.Web.Prompt;

/// <summary>
/// What one view shows: the prompt in which copy, the quiet link, or nothing. <see cref="VariantId"/> is set while
/// the copy's experiment runs (the forms carry it; views are counted for it).
/// </summary>
public readonly record struct PromptView(PromptShow Show, VariantCopy? Copy, long? VariantId);

/// <summary>
/// The article page's call: the browser's signed state, the clock and the running experiment (all in memory) go
/// through <see cref="PromptDecisions.Decide"/>; the new state goes back into the cookie and the view is counted.
/// </summary>
public sealed class PromptGate(
    PromptCookie cookie,
    ExperimentRegistry experiments,
    PromptCounter promptCounter,
    ExperimentCounter variantCounter,
    TimeProvider time,
    IOptions<PromptFatigueOptions> rules)
{
    public PromptView ForArticle(HttpContext http, string slug)
    {
        var (view, decision) = ForState(cookie.Read(http.Request), slug);
        if (decision.Changed)
        {
            cookie.Write(http.Response, decision.State);
        }
        return view;
    }

    /// <summary>The same call for a state that travelled another way (the embed's signed token); counts the view.</summary>
    public (PromptView View, PromptDecision Decision) ForState(PromptState state, string slug)
    {
        var experiment = experiments.RunningFor(slug);
        var decision = PromptDecisions.Decide(state, time.GetUtcNow(), rules.Value, experiment, Random.Shared.NextDouble());
        if (decision.Show != PromptShow.Full)
        {
            return (new PromptView(decision.Show, null, null), decision);
        }
        promptCounter.PromptShown(slug);
        if (decision.Variant is { } variant)
        {
            variantCounter.Viewed(variant.Id);
            return (new PromptView(PromptShow.Full, variant, variant.Id), decision);
        }
        return (new PromptView(PromptShow.Full, experiments.WinnerFor(slug), null), decision);
    }
}
