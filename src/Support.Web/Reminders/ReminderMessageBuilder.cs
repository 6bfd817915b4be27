using Microsoft.Extensions.Options;
using MimeKit;
using Support.Data.Reminders;
using Support.Web.Email;
using Support.Web.Prompt;

namespace Support.Web.Reminders;

/// <summary>The reminder email: the publisher's words, a link back to the appeal, and a one-click unsubscribe.</summary>
public sealed class ReminderMessageBuilder(
    IOptions<ReminderOptions> reminders,
    IOptions<PromptOptions> prompt,
    IOptions<SmtpOptions> smtp,
    IOptions<SiteOptions> site)
{
    public MimeMessage Build(Reminder reminder)
    {
        var options = reminders.Value;
        var publisher = prompt.Value.Publisher;
        var supportUrl = site.Value.Link("/support");
        var unsubscribeUrl = UnsubscribeUrl(reminder.UnsubscribeToken);
        var paragraphs = options.Paragraphs.Select(p => Fill(p, publisher)).ToList();
        var button = Fill(options.ButtonText, publisher);

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.Value.From));
        message.To.Add(MailboxAddress.Parse(reminder.Email));
        message.Subject = Fill(options.Subject, publisher);
        // RFC 2369 + RFC 8058: mail clients show an unsubscribe button that POSTs to this URL.
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

        var body = new BodyBuilder
        {
            TextBody = string.Join("\n\n", paragraphs) + $"\n\n{button}: {supportUrl}\n\n"
                + $"You asked us for this one reminder. To cancel it, or if it was not you: {unsubscribeUrl}\n",
            HtmlBody = EmailHtml.Document(paragraphs, button, supportUrl,
                new SmallPrint("You asked us for this one reminder. ", "Unsubscribe", unsubscribeUrl, " if you no longer want it, or if it was not you.")),
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    public string UnsubscribeUrl(string token) => site.Value.Link($"/reminders/unsubscribe/{token}");

    private static string Fill(string text, string publisher) => text.Replace("{Publisher}", publisher, StringComparison.Ordinal);
}
