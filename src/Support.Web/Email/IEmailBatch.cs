using MimeKit;

namespace Support.Web.Email;

/// <summary>
/// Many messages over one connection, one at a time (not thread-safe). After a failure the next message opens a
/// new connection. Disposing says goodbye to the server.
/// </summary>
public interface IEmailBatch : IAsyncDisposable
{
    /// <summary>Hands one message over; throws <see cref="EmailDeliveryException"/> when it cannot.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
