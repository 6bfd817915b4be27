using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Support.Benchmarks.Scenarios.Reminders;

/// <summary>
/// Context for the baseline: MailKit (the product's SMTP client) sending reminder-sized messages over the product's
/// number of connections, one message after another on each, with nothing else to do. Between smtp-source and the
/// service, it says how much of a gap is the client library and how much the dispatcher's own work.
/// </summary>
public static class MailKitLoop
{
    public static async Task<(int Sent, double Seconds)> RunAsync(int port, int connections, int count)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        var sent = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
            var mine = 0;
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                await client.SendAsync(Message(i));
                mine++;
            }
            await client.DisconnectAsync(quit: true);
            return mine;
        }));
        return (sent.Sum(), clock.Elapsed.TotalSeconds);
    }

    private static MimeMessage Message(int i)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Support", "support@example.org"));
        message.To.Add(MailboxAddress.Parse($"mailkit{i}@example.org"));
        message.Subject = "A reminder you asked for";
        var body = new BodyBuilder
        {
            TextBody = string.Concat(Enumerable.Repeat("You asked us to remind you about supporting independent journalism. ", 12)),
            HtmlBody = "<p>" + string.Concat(Enumerable.Repeat("You asked us to remind you about supporting independent journalism. ", 12)) + "</p>",
        };
        message.Body = body.ToMessageBody();
        message.Headers.Add("List-Unsubscribe", $"<http://localhost/reminders/unsubscribe/mailkit{i}>");
        return message;
    }
}
