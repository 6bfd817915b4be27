using Support.Data.Supporters;

namespace Support.Web.Stripe;

/// <summary>
/// What Support asks of Stripe, in our own terms. The rest of the app never sees Stripe.net's option classes,
/// and every call can be cancelled.
/// </summary>
public interface IStripeGateway
{
    Task<string> CreateProductAsync(string name, string idempotencyKey, CancellationToken cancellationToken);

    Task<CreatedCheckoutSession> CreateCheckoutSessionAsync(CheckoutSessionRequest request, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Null when Stripe does not know the session.</summary>
    Task<CheckoutSessionSnapshot?> GetCheckoutSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Stripe's current view of a subscription, with its customer's email. Null when unknown.</summary>
    Task<SubscriptionSnapshot?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken);

    Task<InvoiceSnapshot?> GetInvoiceAsync(string invoiceId, CancellationToken cancellationToken);

    /// <summary>The invoice a payment intent paid (API 2026-10-28: charges no longer carry an invoice id).</summary>
    Task<string?> FindInvoiceIdForPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken);

    /// <summary>A dispute as Stripe sees it now, with the fees of its balance transactions. Null when unknown.</summary>
    Task<DisputeSnapshot?> GetDisputeAsync(string disputeId, CancellationToken cancellationToken);

    /// <summary>Stripe's events created at or after <paramref name="createdFrom"/>, newest first, every page (Stripe keeps 30 days).</summary>
    IAsyncEnumerable<global::Stripe.Event> ListEventsAsync(DateTime createdFrom, CancellationToken cancellationToken);

    /// <summary>Invoices created at or after <paramref name="createdFrom"/>, every page.</summary>
    IAsyncEnumerable<InvoiceSnapshot> ListInvoicesAsync(DateTime createdFrom, CancellationToken cancellationToken);

    /// <summary>Subscriptions of any status created at or after <paramref name="createdFrom"/>, every page.</summary>
    IAsyncEnumerable<SubscriptionSnapshot> ListSubscriptionsAsync(DateTime createdFrom, CancellationToken cancellationToken);

    /// <summary>The payment intent that paid an invoice (a one-time gift's key), through <c>InvoicePayments.List</c>.</summary>
    Task<string?> FindPaymentIntentIdForInvoiceAsync(string invoiceId, CancellationToken cancellationToken);

    /// <summary>New amount from the next invoice on: <c>price_data</c> on the shared product, no proration.</summary>
    Task<SubscriptionSnapshot> UpdateAmountAsync(AmountChange change, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Stop at the end of the paid period (true), or take that back (false).</summary>
    Task<SubscriptionSnapshot> SetCancelAtPeriodEndAsync(string subscriptionId, bool cancel, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Ends the subscription now (account deletion). Already cancelled is not an error.</summary>
    Task CancelNowAsync(string subscriptionId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>A Stripe customer portal session (update the card), returning to <paramref name="returnUrl"/>.</summary>
    Task<Uri> CreatePortalSessionAsync(string customerId, Uri returnUrl, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The portal opened straight on its payment method update, back to <paramref name="returnUrl"/> when saved.</summary>
    Task<Uri> CreateCardUpdateSessionAsync(string customerId, Uri returnUrl, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary><c>pause_collection</c> with <c>behavior=void</c> until <paramref name="resumesAt"/>; null clears it (resume).</summary>
    Task<SubscriptionSnapshot> SetPauseAsync(string subscriptionId, DateTime? resumesAt, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary><paramref name="Interval"/>: the subscription's own (<c>month</c> or <c>year</c>), kept by the change.</summary>
public sealed record AmountChange(string SubscriptionId, string ProductId, long AmountCents, string Currency, string Interval = "month");

public sealed record CheckoutSessionRequest(
    string ProductId,
    long AmountCents,
    string Currency,
    string? CustomerEmail,
    string ArticleSlug,
    Uri SuccessUrl,
    Uri CancelUrl,
    string? ExperimentVariantId = null,
    GiftFrequency Frequency = GiftFrequency.Month);

public sealed record CreatedCheckoutSession(string Id, Uri Url);

public sealed record CheckoutSessionSnapshot(
    string Id,
    bool IsComplete,
    bool IsPaid,
    long? AmountCents,
    string? Currency,
    string? Email,
    string? CustomerId,
    string? SubscriptionId,
    string? ArticleSlug,
    GiftFrequency Frequency = GiftFrequency.Month,
    string? InvoiceId = null,
    string? PaymentIntentId = null);


public sealed record SubscriptionSnapshot(
    string Id,
    string CustomerId,
    string? CustomerEmail,
    string Status,
    long AmountCents,
    string Currency,
    DateTime StartedAt,
    DateTime? EndedAt,
    bool CancelAtPeriodEnd,
    DateTime? CurrentPeriodEnd,
    string? ArticleSlug,
    bool Paused = false,
    DateTime? PauseResumesAt = null,
    string? EndReason = null,
    string? ExperimentVariantId = null,
    GiftFrequency Frequency = GiftFrequency.Month)
{
    public ContributionStatus State => StripeStatuses.Subscription(Status);
}

public sealed record InvoiceSnapshot(
    string Id,
    string? CustomerId,
    string? CustomerEmail,
    string? SubscriptionId,
    string? Status,
    long AmountPaidCents,
    long AmountDueCents,
    string Currency,
    DateTime CreatedAt,
    DateTime? PaidAt,
    string? PaymentIntentId,
    string? Number = null,
    string? ArticleSlug = null,
    bool IsOneTimeGift = false,
    long? ExperimentVariantId = null)
{
    public InvoiceStatus State => StripeStatuses.Invoice(Status);
}

public sealed record DisputeSnapshot(
    string Id,
    string? ChargeId,
    string? PaymentIntentId,
    long AmountCents,
    string Currency,
    string Status,
    DateTime CreatedAt,
    long FeeCents);
