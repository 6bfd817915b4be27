using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Support.Benchmarks.Scenarios.Reminders;

/// <summary>The baseline: one MailKit connection sending reminder-sized messages to the sink, one after another.</summary>
public static class MailKitLoop
{
    public static async Task<(int Sent, double Seconds)> RunAsync(SmtpSink sink, int count, TimeSpan budget)
    {
        using var client = new SmtpClient();
        var clock = Stopwatch.StartNew();
        await client.ConnectAsync("127.0.0.1", sink.Port, SecureSocketOptions.None);
        var sent = 0;
        while (sent < count && clock.Elapsed < budget)
        {
            await client.SendAsync(Message(sent));
            sent++;
        }
        await client.DisconnectAsync(quit: true);
        return (sent, clock.Elapsed.TotalSeconds);
    }

    private static MimeMessage Message(int i)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Support", "support@localhost"));
        message.To.Add(MailboxAddress.Parse($"loop{i}@example.org"));
        message.Subject = "A reminder you asked for";
        var body = new BodyBuilder
        {
            TextBody = string.Concat(Enumerable.Repeat("You asked us to remind you about supporting independent journalism. ", 12)),
            HtmlBody = "<p>" + string.Concat(Enumerable.Repeat("You asked us to remind you about supporting independent journalism. ", 12)) + "</p>",
        };
        message.Body = body.ToMessageBody();
        message.Headers.Add("List-Unsubscribe", $"<http://localhost/reminders/unsubscribe/loop{i}>");
        return message;
    }
}
