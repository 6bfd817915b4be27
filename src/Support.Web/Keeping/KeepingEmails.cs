using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Support.Data;
using Support.Data.Account;
using Support.Data.Supporters.Emails;
using Support.Data.Supporters;
using Support.Web.Account;
using Support.Web.Email;
using Support.Web.Prompt;
using Support.Web.Shared;
using Support.Web.Supporters.Emails;

namespace Support.Web.Keeping;

/// <summary>
/// The emails that keep a supporter (issue 16): payment failed (with a one-click card-update link), confirm a payment
/// (3-D Secure), could not collect (with a restart link) and a pause ending. Sent by the supporter email queue; the
/// links are made when the email is sent, like sign-in links, so a resend after a crash carries a working one.
/// </summary>
public sealed class KeepingEmails(
    SupportDbContext db,
    SupporterEmailBuilder shell,
    SignInLinks links,
    IOptions<PromptOptions> prompt,
    IOptions<SiteOptions> site,
    IOptions<KeepingOptions> options)
{
    public static bool Writes(EmailKind kind) =>
        kind is EmailKind.PaymentFailed or EmailKind.PaymentActionRequired or EmailKind.CouldNotCollect or EmailKind.PauseEnding;

    public async Task<MimeMessage> BuildAsync(EmailDispatch dispatch, CancellationToken ct)
    {
        var publisher = prompt.Value.Publisher;
        var amount = Money.Format(dispatch.AmountCents, dispatch.Currency);
        var date = dispatch.EffectiveAt is { } at ? Date(at) : null;
        var to = dispatch.Email!;
        var kind = GiftFrequencies.Adjective(dispatch.Frequency ?? GiftFrequency.Month);
        switch (dispatch.Kind)
        {
            case EmailKind.PaymentFailed:
                var days = (int)Math.Round(options.Value.CardUpdateLinkLifetime.TotalDays);
                var cardLink = await links.IssueAsync(to, LinkPurpose.CardUpdate, dispatch.StripeSubscriptionId, options.Value.CardUpdateLinkLifetime, ct);
                return shell.Compose(to, $"Your payment to {publisher} did not go through",
                [
                    "Dear supporter,",
                    $"We could not collect your {kind} gift of {amount}: your card was declined. It may have expired, or your bank refused the payment.",
                    date is null ? "We will not try your card again by ourselves." : $"We will try again on {date}.",
                    $"Update your card in one click with the button below: it signs you in and opens the card page of our payment provider, Stripe. "
                        + $"The button works once, within {days} days; after that, sign in from your account page.",
                ], "Update your card", site.Value.Link($"/account/card/{cardLink}"));
            case EmailKind.PaymentActionRequired:
                return shell.Compose(to, $"Please confirm your payment to {publisher}",
                [
                    "Dear supporter,",
                    $"Your bank asks you to confirm this month's gift of {amount} (3-D Secure). We cannot do it for you, so the payment waits until you do.",
                    "Press the button to open the payment page of our payment provider, Stripe, and confirm it there.",
                ], "Confirm your payment", dispatch.Link!);
            case EmailKind.CouldNotCollect:
                var restartLink = await links.IssueAsync(to, LinkPurpose.Restart, dispatch.StripeSubscriptionId, options.Value.RestartLinkLifetime, ct);
                return shell.Compose(to, $"We could not collect your gift to {publisher}",
                [
                    "Dear supporter,",
                    $"We tried several times to collect your {kind} gift of {amount}, but your card was declined each time, so your gift has stopped.",
                    "Thank you for everything you have given. If you would like to keep supporting us, you can restart it in one click: "
                        + "the same amount, with a card that works.",
                ], "Restart your gift", site.Value.Link($"/account/restart/{restartLink}"));
            case EmailKind.PauseEnding:
                return shell.Compose(to, $"Your {kind} gift to {publisher} starts again on {date}",
                [
                    "Dear supporter,",
                    $"Your pause ends on {date}. From then on your {kind} gift of {amount} continues as before.",
                    "Nothing to do if that suits you. To pause for longer, or to stop, visit your account.",
                ], "See your account", site.Value.Link("/account"));
            default:
                throw new InvalidOperationException($"Keeping does not write supporter email kind {dispatch.Kind}.");
        }
    }

    /// <summary>
    /// Claimed rows that are no longer true: the invoice was paid (dunning ends), the supporter was asked to confirm the
    /// payment instead, or the pause was moved or ended. One query per kind of check and batch.
    /// </summary>
    public async Task<Dictionary<long, string>> SkipAsync(IReadOnlyList<EmailDispatch> claimed, CancellationToken ct)
    {
        var skipped = new Dictionary<long, string>();
        var dunning = claimed.Where(d => d.Kind is EmailKind.PaymentFailed or EmailKind.PaymentActionRequired).ToList();
        if (dunning.Count > 0)
        {
            var invoices = dunning.Select(d => d.Key).Distinct().ToList();
            var paid = (await db.Payments.Where(p => invoices.Contains(p.StripeInvoiceId) && p.Status == PaymentStatus.Paid)
                .Select(p => p.StripeInvoiceId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var confirm = (await db.EmailDispatches.Where(d => d.Kind == EmailKind.PaymentActionRequired && invoices.Contains(d.Key))
                .Select(d => d.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            foreach (var row in dunning)
            {
                if (paid.Contains(row.Key))
                {
                    skipped[row.Id] = "The payment was made meanwhile";
                }
                else if (row.Kind == EmailKind.PaymentFailed && confirm.Contains(row.Key))
                {
                    skipped[row.Id] = "The supporter is asked to confirm this payment instead";
                }
            }
        }
        var pauses = claimed.Where(d => d.Kind == EmailKind.PauseEnding).ToList();
        if (pauses.Count > 0)
        {
            var ids = pauses.Select(d => d.StripeSubscriptionId).Distinct().ToList();
            var current = await db.Contributions.Where(c => ids.Contains(c.StripeSubscriptionId))
                .Select(c => new { c.StripeSubscriptionId, c.Paused, c.PauseResumesAt, c.Status }).ToListAsync(ct);
            foreach (var row in pauses)
            {
                var c = current.FirstOrDefault(x => x.StripeSubscriptionId == row.StripeSubscriptionId);
                if (c is null || !c.Paused || c.Status == ContributionStatus.Canceled || c.PauseResumesAt is not { } resumes
                    || row.EffectiveAt is not { } planned || Math.Abs((resumes - planned).TotalSeconds) >= 1)
                {
                    skipped[row.Id] = "The pause was changed or has ended";
                }
            }
        }
        return skipped;
    }

    public static string Date(DateTime value) => value.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}
