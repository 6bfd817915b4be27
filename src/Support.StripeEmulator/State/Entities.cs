namespace Support.StripeEmulator.State;

// Mutable records guarded by EmulatorStore's lock; only the fields the app reads are kept.

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
    public required string Interval { get; init; }
    public required DateTimeOffset Created { get; init; }
}

internal sealed class CheckoutSession
{
    public required string Id { get; init; }
    public required string PriceId { get; init; }
    public required long Quantity { get; init; }
    public required string SuccessUrl { get; init; }
    public string? CancelUrl { get; init; }
    public required string Url { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string? CustomerEmail { get; init; }
    public string Status { get; set; } = "open";
    public string PaymentStatus { get; set; } = "unpaid";
    public string? CustomerId { get; set; }
    public string? PaidEmail { get; set; }
    public string? PaidName { get; set; }
    public string? SubscriptionId { get; set; }
    public string? InvoiceId { get; set; }
    public Dictionary<string, string> Metadata { get; init; } = [];
    public Dictionary<string, string> SubscriptionMetadata { get; init; } = [];
}

internal sealed class Customer
{
    public required string Id { get; init; }
    public required DateTimeOffset Created { get; init; }
    public string? Email { get; set; }
    public string? Name { get; set; }
    public Dictionary<string, string> Metadata { get; init; } = [];
}

internal sealed class Subscription
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Sequence { get; init; }
    public required SubscriptionItem Item { get; init; }
    /// <summary>The test card decides whether renewals succeed (4000000000000341 fails them).</summary>
    public required string CardNumber { get; set; }
    public string Status { get; set; } = "active";
    public bool CancelAtPeriodEnd { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? LatestInvoiceId { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
}

internal sealed class SubscriptionItem
{
    public required string Id { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required string PriceId { get; set; }
    public long Quantity { get; set; } = 1;
    public required DateTimeOffset CurrentPeriodStart { get; set; }
    public required DateTimeOffset CurrentPeriodEnd { get; set; }
}

internal sealed class Invoice
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public string? CustomerEmail { get; init; }
    public required string SubscriptionId { get; init; }
    public required string SubscriptionItemId { get; init; }
    public required Dictionary<string, string> SubscriptionMetadata { get; init; }
    public required string PriceId { get; init; }
    public required long Quantity { get; init; }
    public required string BillingReason { get; init; }
    public required long AmountDue { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset PeriodStart { get; init; }
    public required DateTimeOffset PeriodEnd { get; init; }
    public required string PaymentIntentId { get; init; }
    public required string InvoicePaymentId { get; init; }
    public string Status { get; set; } = "open";
    public long AmountPaid { get; set; }
    public int AttemptCount { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public string? ChargeId { get; set; }
}

internal sealed class Charge
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string PaymentIntentId { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public long AmountRefunded { get; set; }
}

internal sealed record Refund(string Id, string ChargeId, string PaymentIntentId, long Amount, string Currency, DateTimeOffset Created);

internal sealed record PortalSession(string Id, string CustomerId, string? ReturnUrl, string Url, DateTimeOffset Created);
