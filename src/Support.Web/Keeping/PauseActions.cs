using System.Security.Cryptography;
using System.Text;
using Support.Data.Supporters;
using Support.Web.Account;
using Support.Web.Stripe;
using Support.Web.Supporters;

namespace Support.Web.Keeping;

/// <summary>
/// Pause instead of cancel: Stripe's <c>pause_collection</c> with <c>behavior=void</c> until <c>resumes_at</c>
/// (renewals meanwhile make void invoices and charge nothing), resumed early or extended. Stripe's answer is
/// mirrored at once, as the other account changes are; the webhook brings the same state.
/// </summary>
public sealed class PauseActions(IStripeGateway stripe, SupporterLedger ledger, TimeProvider time)
{
    /// <summary>A pause lasts 1, 2 or 3 months from today, extensions included.</summary>
    public const int MaxMonths = 3;

    public async Task<ActionOutcome> PauseAsync(Contribution contribution, int? months, string? formToken, CancellationToken ct)
    {
        if (contribution.StripeSubscriptionId is null)
        {
            return new("A one-time gift is given once, so there is nothing to pause.");
        }
        if (contribution.Frequency != GiftFrequency.Month)
        {
            return new("A pause skips monthly payments; an annual gift renews once a year, so change its amount or cancel before the renewal instead.");
        }
        if (!contribution.IsLive)
        {
            return new("This contribution has ended, so it cannot be paused. You can restart it from your account.");
        }
        if (contribution.Paused)
        {
            return new("This contribution is already paused. You can extend the pause or resume now.");
        }
        if (contribution.CancelAtPeriodEnd)
        {
            return new("This contribution is set to stop at the end of the period. Resume it first if you would rather pause.");
        }
        if (months is not (>= 1 and <= MaxMonths))
        {
            return new($"Choose a pause of 1 to {MaxMonths} months.");
        }
        var resumesAt = Today().AddMonths(months.Value);
        await MirrorAsync(await stripe.SetPauseAsync(contribution.StripeSubscriptionId, resumesAt, Key("pause", contribution, resumesAt, formToken), ct), ct);
        return ActionOutcome.Done;
    }

    public async Task<ActionOutcome> ExtendAsync(Contribution contribution, int? months, string? formToken, CancellationToken ct)
    {
        if (!contribution.IsLive || !contribution.Paused || contribution.StripeSubscriptionId is null)
        {
            return new("This contribution is not paused, so there is no pause to extend.");
        }
        if (months is not (>= 1 and <= MaxMonths))
        {
            return new($"Choose 1 to {MaxMonths} more months.");
        }
        var from = contribution.PauseResumesAt is { } at && at > Now() ? at : Today();
        var resumesAt = from.AddMonths(months.Value);
        if (resumesAt > Today().AddMonths(MaxMonths).AddDays(1))
        {
            return new($"A pause can last at most {MaxMonths} months from today, so it cannot be extended that far yet.");
        }
        await MirrorAsync(await stripe.SetPauseAsync(contribution.StripeSubscriptionId, resumesAt, Key("extend", contribution, resumesAt, formToken), ct), ct);
        return ActionOutcome.Done;
    }

    public async Task<ActionOutcome> ResumeNowAsync(Contribution contribution, string? formToken, CancellationToken ct)
    {
        if (!contribution.IsLive || !contribution.Paused || contribution.StripeSubscriptionId is null)
        {
            return new("This contribution is not paused.");
        }
        await MirrorAsync(await stripe.SetPauseAsync(contribution.StripeSubscriptionId, null, Key("unpause", contribution, null, formToken), ct), ct);
        return ActionOutcome.Done;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    /// <summary>Whole seconds, as Stripe keeps <c>resumes_at</c>, so the ledger and the reminder's key compare equal.</summary>
    private DateTime Today()
    {
        var now = Now();
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private Task MirrorAsync(SubscriptionSnapshot snapshot, CancellationToken ct) => ledger.MirrorAsync(snapshot, null, ct);

    private static string Key(string action, Contribution contribution, DateTime? resumesAt, string? formToken)
    {
        var token = string.IsNullOrWhiteSpace(formToken) ? Guid.NewGuid().ToString("N") : formToken;
        var material = $"{action}|{contribution.StripeSubscriptionId}|{resumesAt:O}|{token}";
        return $"account-{action}-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..40];
    }
}
