using Microsoft.Extensions.Options;
using MimeKit;

namespace Support.Web.Email;

/// <summary>Sends over SMTP with MailKit. A single message gets its own connection; a batch keeps one open.</summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        await using var batch = OpenBatch();
        await batch.SendAsync(message, ct);
    }

    public IEmailBatch OpenBatch() => new SmtpEmailBatch(options.Value);
}
