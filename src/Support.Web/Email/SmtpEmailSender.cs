using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Support.Web.Email;

/// <summary>Sends over SMTP with MailKit: one connection per message, since SmtpClient is not thread-safe.</summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            // Only reachable in Testing (validation requires a host elsewhere); a later attempt may find one.
            throw new EmailDeliveryException("No Smtp:Host is configured", permanent: false);
        }
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port,
                smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
            }
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e)
        {
            // 5xx is the server's final word (unknown mailbox, policy); 4xx asks us to come back later.
            var code = (int)e.StatusCode;
            throw new EmailDeliveryException($"SMTP {code}: {e.Message}", permanent: code >= 500, e);
        }
        catch (AuthenticationException e)
        {
            throw new EmailDeliveryException($"SMTP authentication failed: {e.Message}", permanent: false, e);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException
                                      or ServiceNotConnectedException or SslHandshakeException or TimeoutException)
        {
            throw new EmailDeliveryException($"Could not talk to {smtp.Host}:{smtp.Port}: {e.Message}", permanent: false, e);
        }
    }
}
