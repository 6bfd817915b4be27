namespace Support.StripeEmulator;

/// <summary>
/// A failure the emulator reports the way Stripe would: the API answers it as Stripe's error JSON, and the
/// control methods of <see cref="StripeEmulator"/> throw it.
/// </summary>
public sealed class StripeEmulatorException(int statusCode, string type, string message, string? code = null, string? param = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Type { get; } = type;
    public string? Code { get; } = code;
    public string? Param { get; } = param;

    internal static StripeEmulatorException Missing(string kind, string id, string? param = null) =>
        new(param is null ? 404 : 400, "invalid_request_error", $"No such {kind}: '{id}'", "resource_missing", param ?? "id");

    internal static StripeEmulatorException Invalid(string message, string? param = null) =>
        new(400, "invalid_request_error", message, "parameter_invalid", param);
}
