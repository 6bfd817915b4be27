namespace Support.StripeEmulator.State;

// Mutable records guarded by EmulatorStore's lock; only the fields the emulator models are kept.

internal sealed class Product
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required DateTimeOffset Created { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
}

internal sealed class Price
{
    public required string Id { get; init; }
    public required string ProductId { get; init; }
    public required string Currency { get; init; }
    public required long UnitAmount { get; init; }
    /// <summary>day, week, month or year; null for a one-time price.</summary>
    public required string? Interval { get; init; }
    public required DateTimeOffset Created { get; init; }
}

/// <summary>What <c>invoice_creation[invoice_data]</c> asked for a payment-mode session's invoice.</summary>
internal sealed record InvoiceData(string? Description, string? Footer, Dictionary<string, string> Metadata);

internal sealed class CheckoutSession
{
    public required string Id { get; init; }
    public required string Mode { get; init; }
    public required string PriceId { get; init; }
    public required long Quantity { get; init; }
    public required string SuccessUrl { get; init; }
    public string? CancelUrl { get; init; }
    public required string Url { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerCreation { get; init; }
    /// <summary>Payment mode: a paid invoice is made for the payment (<c>invoice_creation[enabled]</c>).</summary>
    public InvoiceData? InvoiceCreation { get; init; }
    public string? SubmitType { get; init; }
    public string? PaymentIntentDescription { get; init; }
    public Dictionary<string, string> PaymentIntentMetadata { get; init; } = [];
    public string Status { get; set; } = "open";
    public string PaymentStatus { get; set; } = "unpaid";
    public string? CustomerId { get; set; }
    public string? PaidEmail { get; set; }
    public string? PaidName { get; set; }
    public string? SubscriptionId { get; set; }
    public string? InvoiceId { get; set; }
    public string? PaymentIntentId { get; set; }
    public Dictionary<string, string> Metadata { get; init; } = [];
    public Dictionary<string, string> SubscriptionMetadata { get; init; } = [];
}

internal sealed class Customer
{
    public required string Id { get; init; }
    public required DateTimeOffset Created { get; init; }
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? DefaultPaymentMethodId { get; set; }
    /// <summary>Invoice numbers are this prefix and a count per customer (Stripe's default numbering).</summary>
    public string InvoicePrefix { get; } = StripeIds.Letters(8);
    public int InvoiceCount { get; set; }
    public Dictionary<string, string> Metadata { get; init; } = [];
}

/// <summary>A billing portal session; <see cref="Flow"/> is set for a deep link such as payment_method_update.</summary>
internal sealed record PortalSession(string Id, string CustomerId, string? ReturnUrl, string Url, DateTimeOffset Created, PortalFlow? Flow);

/// <summary>
/// <c>flow_data</c>: the type and what happens once it is done (<c>after_completion</c>: portal_homepage,
/// redirect to <see cref="RedirectUrl"/>, or hosted_confirmation with <see cref="ConfirmationMessage"/>).
/// </summary>
internal sealed record PortalFlow(string Type, string AfterCompletion, string? RedirectUrl, string? ConfirmationMessage);
