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
        var experiment = experiments.RunningFor(slug);
        var decision = PromptDecisions.Decide(cookie.Read(http.Request), time.GetUtcNow(), rules.Value, experiment, Random.Shared.NextDouble());
        if (decision.Changed)
        {
            cookie.Write(http.Response, decision.State);
        }
        if (decision.Show != PromptShow.Full)
        {
            return new PromptView(decision.Show, null, null);
        }
        promptCounter.PromptShown(slug);
        if (decision.Variant is { } variant)
        {
            variantCounter.Viewed(variant.Id);
            return new PromptView(PromptShow.Full, variant, variant.Id);
        }
        return new PromptView(PromptShow.Full, experiments.WinnerFor(slug), null);
    }
}
