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
}

public sealed record CheckoutSessionRequest(
    string ProductId,
    long AmountCents,
    string Currency,
    string? CustomerEmail,
    string ArticleSlug,
    Uri SuccessUrl,
    Uri CancelUrl);

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
    string? ArticleSlug);

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
    string? ArticleSlug);

public sealed record InvoiceSnapshot(
    string Id,
    string? CustomerId,
    string? CustomerEmail,
    string? SubscriptionId,
    string Status,
    long AmountPaidCents,
    long AmountDueCents,
    string Currency,
    DateTime CreatedAt,
    DateTime? PaidAt,
    string? PaymentIntentId);
