using MimeKit;

namespace Support.Web.Email;

/// <summary>Hands one message to the mail system. Throws <see cref="EmailDeliveryException"/> when it cannot.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
