using System.Globalization;
using Support.Data.Supporters.Emails;
using Microsoft.Extensions.Options;
using MimeKit;
using Support.Web.Account;
using Support.Web.Email;
using Support.Web.Prompt;
using Support.Web.Shared;

namespace Support.Web.Supporters.Emails;

/// <summary>The supporter emails and the sign-in link, as plain text and HTML, each with a link to the account page.</summary>
public sealed class SupporterEmailBuilder(
    IOptions<PromptOptions> prompt, IOptions<SmtpOptions> smtp, IOptions<SiteOptions> site, IOptions<AccountOptions> account)
{
    public MimeMessage Build(EmailDispatch dispatch)
    {
        var publisher = prompt.Value.Publisher;
        var amount = Money.Format(dispatch.AmountCents, dispatch.Currency);
        var date = dispatch.EffectiveAt is { } at ? at.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture) : null;
        var (subject, paragraphs, button) = dispatch.Kind switch
        {
            EmailKind.ThankYou => ($"Thank you for supporting {publisher}",
                new[] { "Dear supporter,", $"Thank you for your monthly gift of {amount}. Your support keeps independent journalism going.",
                    "You can change the amount, update your card or cancel at any time from your account." },
                "Manage your support"),
            EmailKind.PaymentFailed => ($"Your payment to {publisher} did not go through",
                new[] { "Dear supporter,", $"We could not collect your monthly gift of {amount}. Your card may have expired or been declined.",
                    "Please update your card so your support continues. Nothing else needs to change." },
                "Update your card"),
            EmailKind.AmountChanged => ($"Your monthly gift to {publisher} is now {amount}",
                new[] { "Dear supporter,", date is null ? $"Your monthly gift is now {amount}." : $"Your monthly gift is now {amount}, from your next payment on {date}.",
                    "Thank you for your continued support." },
                "See your account"),
            EmailKind.CancellationConfirmed => ($"Your monthly gift to {publisher} is cancelled",
                new[] { "Dear supporter,", date is null ? $"Your monthly gift of {amount} is cancelled. No further payments will be taken."
                    : $"Your monthly gift of {amount} is cancelled. No further payments will be taken; it ends on {date}.",
                    "Thank you for everything you have given. If you change your mind before then, you can resume it from your account." },
                "See your account"),
            // A sign-in link needs its token (SignInLink); a kind added without its words must not go out as another.
            _ => throw new InvalidOperationException($"No words for supporter email kind {dispatch.Kind}."),
        };
        return Compose(dispatch.Email!, subject, paragraphs, button, site.Value.Link("/account"));
    }

    /// <summary>The sign-in link asked for on /account: it works once, within the configured lifetime.</summary>
    public MimeMessage SignInLink(string email, string token)
    {
        var minutes = (int)account.Value.SignInLinkLifetime.TotalMinutes;
        return Compose(email, $"Sign in to your {prompt.Value.Publisher} account",
        [
            "Hello,",
            $"Use the link below to sign in and manage your monthly support. It works once, within {minutes} minutes.",
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
