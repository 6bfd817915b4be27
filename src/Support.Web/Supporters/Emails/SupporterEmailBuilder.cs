using System.Globalization;
using Support.Data.Supporters.Emails;
using Support.Data.Supporters;
using Microsoft.Extensions.Options;
using MimeKit;
using Support.Web.Account;
using Support.Web.Email;
using Support.Web.Prompt;
using Support.Web.Shared;

namespace Support.Web.Supporters.Emails;

/// <summary>The supporter emails and the sign-in link, as plain text and HTML, each with a link to the account page.</summary>
public sealed class SupporterEmailBuilder(
    IOptions<PromptOptions> prompt, IOptions<SmtpOptions> smtp, IOptions<SiteOptions> site, IOptions<AccountOptions> account,
    IOptions<SupporterEmailOptions> emails)
{
    public MimeMessage Build(EmailDispatch dispatch)
    {
        var publisher = prompt.Value.Publisher;
        var amount = Money.Format(dispatch.AmountCents, dispatch.Currency);
        var date = dispatch.EffectiveAt is { } at ? at.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture) : null;
        var frequency = dispatch.Frequency ?? GiftFrequency.Month;
        var kind = GiftFrequencies.Adjective(frequency);
        var (subject, paragraphs, button) = dispatch.Kind switch
        {
            EmailKind.ThankYou when frequency == GiftFrequency.Once => ($"Thank you for supporting {publisher}",
                new[] { "Dear supporter,", $"Thank you for your gift of {amount}. Your support keeps independent journalism going.",
                    "Your receipt follows in a separate email; all your gifts are listed in your account." },
                "See your account"),
            EmailKind.ThankYou => ($"Thank you for supporting {publisher}",
                new[] { "Dear supporter,", $"Thank you for your {kind} gift of {amount}. Your support keeps independent journalism going.",
                    "You can change the amount, update your card or cancel at any time from your account." },
                "Manage your support"),
            EmailKind.Receipt => ($"Your receipt from {publisher}: {amount}",
                Receipt(publisher, amount, date, frequency, dispatch.Reference),
                "See all your gifts"),
            EmailKind.RenewalNotice => ($"Your annual gift to {publisher} renews on {date}",
                new[] { "Dear supporter,", $"Your annual gift of {amount} renews on {date}, when your card will be charged {amount}.",
                    "Nothing needs to be done to keep giving. To change the amount or cancel before then, use your account." },
                "Manage your gift"),
            EmailKind.AmountChanged => ($"Your {kind} gift to {publisher} is now {amount}",
                new[] { "Dear supporter,", date is null ? $"Your {kind} gift is now {amount}." : $"Your {kind} gift is now {amount}, from your next payment on {date}.",
                    "Thank you for your continued support." },
                "See your account"),
            EmailKind.CancellationConfirmed => ($"Your {kind} gift to {publisher} is cancelled",
                new[] { "Dear supporter,", date is null ? $"Your {kind} gift of {amount} is cancelled. No further payments will be taken."
                    : $"Your {kind} gift of {amount} is cancelled. No further payments will be taken; it ends on {date}.",
                    "Thank you for everything you have given. If you change your mind before then, you can resume it from your account." },
                "See your account"),
            // A sign-in link needs its token (SignInLink); a kind added without its words must not go out as another.
            _ => throw new InvalidOperationException($"No words for supporter email kind {dispatch.Kind}."),
        };
        return Compose(dispatch.Email!, subject, paragraphs, button, site.Value.Link("/account"));
    }

    /// <summary>What a receipt states: publisher, amount, date, frequency, payment reference, and the statement line.</summary>
    private string[] Receipt(string publisher, string amount, string? date, GiftFrequency frequency, string? reference)
    {
        var lines = new List<string>
        {
            "Dear supporter,",
            $"Thank you. This is your receipt for a payment to {publisher}.",
            $"Amount: {amount}",
            $"Date: {date ?? "today"}",
            $"Gift: {frequency switch { GiftFrequency.Year => "annual (renews every year)", GiftFrequency.Once => "one-time", _ => "monthly (renews every month)" }}",
            $"Payment reference: {reference}",
        };
        if (!string.IsNullOrWhiteSpace(emails.Value.ReceiptStatementLine))
        {
            lines.Add(emails.Value.ReceiptStatementLine);
        }
        lines.Add("A statement of all your payments in a year can be downloaded from your account.");
        return [.. lines];
    }

    /// <summary>The sign-in link asked for on /account: it works once, within the configured lifetime.</summary>
    public MimeMessage SignInLink(string email, string token)
    {
        var minutes = (int)account.Value.SignInLinkLifetime.TotalMinutes;
        return Compose(email, $"Sign in to {prompt.Value.Publisher}",
        [
            "Hello,",
            $"Use the link below to sign in and manage your support. It works once, within {minutes} minutes.",
            "If you did not ask for it, you can ignore this email: nobody can sign in without the link.",
        ], "Sign in", site.Value.Link($"/account/signin/{token}"));
    }

    /// <summary>One message with a text part and an HTML part carrying the same words and link.</summary>
    public MimeMessage Compose(string to, string subject, IReadOnlyList<string> paragraphs, string button, string link)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new BodyBuilder
        {
            TextBody = string.Join("\n\n", paragraphs) + $"\n\n{button}: {link}\n",
            HtmlBody = EmailHtml.Document(paragraphs, button, link),
        }.ToMessageBody();
        return message;
    }
}
