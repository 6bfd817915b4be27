namespace Support.StripeEmulator;

/// <summary>
/// A failure the emulator reports the way Stripe would: the API answers it as Stripe's error JSON, and the
/// control methods of <see cref="StripeEmulator"/> throw it. Codes are Stripe's own (its error code list in API
/// 2026-10-28.endive); messages follow Stripe's wording where it is known.
/// </summary>
public sealed class StripeEmulatorException(int statusCode, string type, string message, string? code = null, string? param = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Type { get; } = type;
    public string? Code { get; } = code;
    public string? Param { get; } = param;

    /// <summary>Refused before the endpoint ran: Stripe saves no idempotent result for it, so a corrected retry may reuse the key.</summary>
    internal bool IsValidation { get; private init; }

    private const string InvalidRequest = "invalid_request_error";

    internal static StripeEmulatorException Missing(string kind, string id, string? param = null) =>
        new(param is null ? 404 : 400, InvalidRequest, $"No such {kind}: '{id}'", "resource_missing", param ?? "id");

    /// <summary>A request Stripe refuses for the state of an object or a rule without an error code of its own.</summary>
    internal static StripeEmulatorException Invalid(string message, string? param = null) =>
        new(400, InvalidRequest, message, null, param) { IsValidation = param is not null };

    internal static StripeEmulatorException ParameterMissing(string param) =>
        Validation($"Missing required param: {param}.", "parameter_missing", param);

    internal static StripeEmulatorException Unknown(string param) =>
        Validation($"Received unknown parameter: {param}", "parameter_unknown", param);

    internal static StripeEmulatorException InvalidInteger(string param, string raw) =>
        Validation($"Invalid integer: {raw}", "parameter_invalid_integer", param);

    internal static StripeEmulatorException InvalidEmpty(string param) =>
        Validation($"You passed an empty string for '{param}'. We assume empty values are an attempt to unset a parameter; "
            + $"however '{param}' cannot be unset. You should remove '{param}' from your request or supply a non-empty value.",
            "parameter_invalid_empty", param);

    internal static StripeEmulatorException Exclusive(params string[] names) =>
        Validation($"You may only specify one of these parameters: {string.Join(", ", names)}.", "parameters_exclusive", names[^1]);

    internal static StripeEmulatorException InvalidEnum(string param, IReadOnlyList<string> allowed)
    {
        var name = param.Contains('[', StringComparison.Ordinal) ? param[(param.LastIndexOf('[') + 1)..^1] : param;
        var choices = allowed.Count == 1 ? allowed[0] : $"{string.Join(", ", allowed.Take(allowed.Count - 1))}, or {allowed[^1]}";
        return Validation($"Invalid {name}: must be one of {choices}", null, param);
    }

    /// <summary>A parameter Stripe accepts that the emulator does not model: refused, so that nothing is silently ignored.</summary>
    internal static StripeEmulatorException NotEmulated(string param) =>
        Validation($"The Stripe emulator does not implement the parameter {param} (Stripe accepts it). Leave it out, or teach the emulator.", null, param);

    internal static StripeEmulatorException IdempotencyMismatch(string key) =>
        new(400, "idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with. "
            + $"Try using a key other than '{key}' if you meant to execute a different request.");

    internal static StripeEmulatorException IdempotencyInUse(string key) =>
        new(409, InvalidRequest, $"There is currently another in-progress request using this Idempotent Key: {key}. "
            + "Try again later, once that request has finished.", "idempotency_key_in_use");

    private static StripeEmulatorException Validation(string message, string? code, string param) =>
        new(400, InvalidRequest, message, code, param) { IsValidation = true };
}
