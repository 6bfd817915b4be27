namespace Support.StripeEmulator.State;

internal sealed class Subscription
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Sequence { get; init; }
    public required SubscriptionItem Item { get; init; }
    /// <summary>The card renewals charge: its test number decides whether they succeed (<see cref="Billing.TestCards"/>).</summary>
    public required string PaymentMethodId { get; set; }
    public string Status { get; set; } = "active";
    public bool CancelAtPeriodEnd { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public CancellationDetails? Cancellation { get; set; }
    public PauseCollection? Pause { get; set; }
    public string? LatestInvoiceId { get; set; }
    /// <summary>The renewal (period end) an invoice.upcoming was already sent for.</summary>
    public DateTimeOffset? UpcomingSentFor { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
}

/// <summary><c>cancellation_details</c>: reason is Stripe's (cancellation_requested, payment_failed), feedback and comment the customer's.</summary>
internal sealed record CancellationDetails(string? Reason, string? Feedback, string? Comment);

/// <summary><c>pause_collection</c>: renewals make an invoice that <see cref="Behavior"/> decides (void), until <see cref="ResumesAt"/>.</summary>
internal sealed record PauseCollection(string Behavior, DateTimeOffset? ResumesAt);

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
    /// <summary>Null for a one-off invoice (a payment-mode Checkout Session's, <c>parent: null</c>).</summary>
    public string? SubscriptionId { get; init; }
    public string? SubscriptionItemId { get; init; }
    public Dictionary<string, string> SubscriptionMetadata { get; init; } = [];
    public required string PriceId { get; init; }
    public required long Quantity { get; init; }
    public required string BillingReason { get; init; }
    public required long AmountDue { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Sequence { get; init; }
    public required string Number { get; init; }
    /// <summary>The invoice's own period (for a renewal, the period that just ended).</summary>
    public required DateTimeOffset PeriodStart { get; init; }
    public required DateTimeOffset PeriodEnd { get; init; }
    /// <summary>The service period of its line (for a renewal, the new period).</summary>
    public required DateTimeOffset LineStart { get; init; }
    public required DateTimeOffset LineEnd { get; init; }
    public required string PaymentIntentId { get; init; }
    public required string InvoicePaymentId { get; init; }
    public required string HostedUrl { get; init; }
    /// <summary>The invoice a renewal will make, as invoice.upcoming shows it: no id, number or page yet.</summary>
    public bool Preview { get; init; }
    public string? Description { get; init; }
    public string? Footer { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
    public string Status { get; set; } = "open";
    public long AmountPaid { get; set; }
    public int AttemptCount { get; set; }
    /// <summary>When Stripe retries next (the subscription's own time: renewal plus the retry schedule); null when it will not.</summary>
    public DateTimeOffset? NextPaymentAttempt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    public string? ChargeId { get; set; }
}
