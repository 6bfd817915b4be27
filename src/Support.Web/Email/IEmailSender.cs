using MimeKit;

namespace Support.Web.Email;

/// <summary>Hands messages to the mail system. Throws <see cref="EmailDeliveryException"/> when it cannot.</summary>
public interface IEmailSender
{
    /// <summary>One message on its own connection.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);

    /// <summary>A connection kept open for many messages (mass reminders), opened at the first message.</summary>
    IEmailBatch OpenBatch();
}
