using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Support.Data.Supporters;
using Support.Web.Checkout;
using Support.Web.Prompt;
using Support.Web.Shared;
using Support.Web.Stripe;
using Support.Web.Supporters;

namespace Support.Web.Account;

/// <summary>A refused change, said so the supporter understands it; null when the change was made.</summary>
public sealed record ActionOutcome(string? Error)
{
    public static readonly ActionOutcome Done = new((string?)null);
}

/// <summary>
/// The supporter's changes to a contribution, made in Stripe (which then confirms them by webhook). Stripe's
/// answer is mirrored at once so the account page shows the change; the webhook brings the same fresh state.
/// </summary>
public sealed class ContributionActions(
    IStripeGateway stripe,
    StripeProductStore products,
    SupporterLedger ledger,
    IOptions<PromptOptions> prompt,
    TimeProvider time)
{
    public const int MaxReasonLength = Contribution.MaxReasonLength;

    public async Task<ActionOutcome> ChangeAmountAsync(Contribution contribution, string? input, string? formToken, CancellationToken ct)
    {
        if (!contribution.IsLive || contribution.StripeSubscriptionId is not { } subscriptionId)
        {
            return new("This contribution has ended, so its amount cannot be changed. You can start a new one from the support page.");
        }
        var limits = prompt.Value.For(contribution.Frequency);
        var amount = AmountParser.Parse(input, limits.MinimumCents, limits.MaximumCents, contribution.Currency, contribution.Frequency);
        if (!amount.IsValid)
        {
            return new(amount.Error);
        }
        if (amount.Cents == contribution.AmountCents)
        {
            return ActionOutcome.Done;
        }
        var productId = await products.GetProductIdAsync(ct);
        var snapshot = await stripe.UpdateAmountAsync(
            new AmountChange(subscriptionId, productId, amount.Cents, contribution.Currency, GiftFrequencies.Interval(contribution.Frequency)!),
            Key("amount", contribution, amount.Cents.ToString(System.Globalization.CultureInfo.InvariantCulture), formToken), ct);
        await ledger.MirrorAsync(snapshot, null, ct);
        return ActionOutcome.Done;
    }

    public async Task<ActionOutcome> CancelAsync(Contribution contribution, string? reason, string? formToken, CancellationToken ct)
    {
        if (!contribution.IsLive || contribution.StripeSubscriptionId is not { } subscriptionId)
        {
            return new("This contribution has already ended.");
        }
        var snapshot = await stripe.SetCancelAtPeriodEndAsync(subscriptionId, true, Key("cancel", contribution, "", formToken), ct);
        var (requestedAt, trimmed) = (time.GetUtcNow().UtcDateTime, reason?.Trim());
        await ledger.MirrorAsync(snapshot, mirrored =>
        {
            mirrored.CancelRequestedAt = requestedAt;
            mirrored.CancellationReason = string.IsNullOrEmpty(trimmed) ? null : Text.Cut(trimmed, MaxReasonLength);
        }, ct);
        return ActionOutcome.Done;
    }

    public async Task<ActionOutcome> ResumeAsync(Contribution contribution, string? formToken, CancellationToken ct)
    {
        if (!contribution.IsLive || contribution.StripeSubscriptionId is not { } subscriptionId)
        {
            return new("This contribution has already ended and cannot be resumed. You can start a new one from the support page.");
        }
        var snapshot = await stripe.SetCancelAtPeriodEndAsync(subscriptionId, false, Key("resume", contribution, "", formToken), ct);
        // The request was withdrawn: it no longer counts as a cancellation in staff reports.
        await ledger.MirrorAsync(snapshot, mirrored =>
        {
            mirrored.CancelRequestedAt = null;
            mirrored.CancellationReason = null;
        }, ct);
        return ActionOutcome.Done;
    }

    public Task<Uri> PortalAsync(Contribution contribution, Uri returnUrl, CancellationToken ct) =>
        stripe.CreatePortalSessionAsync(contribution.Supporter.StripeCustomerId, returnUrl,
            $"portal-{contribution.Supporter.StripeCustomerId}-{AccountService.NewFormToken()}", ct);

    /// <summary>Same page, same action, same value → same key: a double submit changes Stripe once.</summary>
    private static string Key(string action, Contribution contribution, string value, string? formToken)
    {
        var token = string.IsNullOrWhiteSpace(formToken) ? Guid.NewGuid().ToString("N") : formToken;
        var material = $"{action}|{contribution.StripeSubscriptionId}|{value}|{token}";
        return $"account-{action}-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..40];
    }
}
