namespace Support.Web.Email;

/// <summary>
/// A message could not be handed over. <see cref="Permanent"/> (an SMTP 5xx) means trying again will not help;
/// otherwise (4xx, connection or TLS failure, timeout) a later attempt may succeed.
/// </summary>
public sealed class EmailDeliveryException(string reason, bool permanent, Exception? inner = null, bool serverUnavailable = false)
    : Exception(reason, inner)
{
    public bool Permanent { get; } = permanent;

    /// <summary>
    /// Connecting or signing in failed, so nothing of this message reached the server; the next message would
    /// most likely fail the same way.
    /// </summary>
    public bool ServerUnavailable { get; } = serverUnavailable;
}
