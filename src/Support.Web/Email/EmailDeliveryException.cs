namespace Support.Web.Email;

/// <summary>
/// A message could not be handed over. <see cref="Permanent"/> (an SMTP 5xx) means trying again will not help;
/// otherwise (4xx, connection or TLS failure, timeout) a later attempt may succeed.
/// </summary>
public sealed class EmailDeliveryException(string reason, bool permanent, Exception? inner = null)
    : Exception(reason, inner)
{
    public bool Permanent { get; } = permanent;
}
