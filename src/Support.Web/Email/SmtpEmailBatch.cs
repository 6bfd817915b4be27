using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Support.Web.Email;

/// <summary>
/// One MailKit connection reused for message after message. Any failure closes it, so the next message starts
/// on a fresh connection rather than on a session in an unknown state.
/// </summary>
public sealed class SmtpEmailBatch(SmtpOptions smtp) : IEmailBatch
{
    private SmtpClient? _client;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var client = await ConnectedAsync(ct);
        try
        {
            await client.SendAsync(message, ct);
        }
        catch (SmtpCommandException e)
        {
            Drop();
            // 5xx is the server's final word (unknown mailbox, policy); 4xx asks us to come back later.
            var code = (int)e.StatusCode;
            throw new EmailDeliveryException($"SMTP {code}: {e.Message}", permanent: code >= 500, e);
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            Drop();
            throw new EmailDeliveryException($"Lost the connection to {smtp.Host}:{smtp.Port}: {e.Message}", permanent: false, e);
        }
        catch (OperationCanceledException)
        {
            Drop();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception e) when (IsConnectionFailure(e) || e is SmtpCommandException)
            {
                // Every message was already answered; a failed goodbye changes nothing.
            }
        }
        Drop();
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true } open)
        {
            return open;
        }
        Drop();
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            // Not reached once options are validated (no host means .eml files); should it be, a later attempt may find one.
            throw new EmailDeliveryException("No Smtp:Host is configured", permanent: false, serverUnavailable: true);
        }
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
            }
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is SmtpCommandException or AuthenticationException)
        {
            client.Dispose();
            throw new EmailDeliveryException($"Could not connect to {smtp.Host}:{smtp.Port}: {e.Message}",
                permanent: false, e, serverUnavailable: true);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        _client = client;
        return client;
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException
            or SslHandshakeException or TimeoutException;
}
