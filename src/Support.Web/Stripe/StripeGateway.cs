using global::Stripe;
using global::Stripe.Checkout;
using Microsoft.Extensions.Options;
using Support.Data.Supporters;

namespace Support.Web.Stripe;

/// <summary>Stripe.net behind <see cref="IStripeGateway"/>; the same code talks to Stripe and to the emulator.</summary>
public sealed class StripeGateway(StripeClient client, IOptions<StripeOptions> options) : IStripeGateway
{
    private string Currency => options.Value.Currency;

    public async Task<string> CreateProductAsync(string name, string idempotencyKey, CancellationToken cancellationToken)
    {
        var product = await client.V1.Products.CreateAsync(new ProductCreateOptions { Name = name },
            new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return product.Id;
    }

    public async Task<CreatedCheckoutSession> CreateCheckoutSessionAsync(CheckoutSessionRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        // The same client, headers, retries and idempotency key as every other call; only the body is written by
        // CheckoutSessionForm instead of Stripe.net's reflection-based encoder (the hottest part of a checkout).
        var response = await client.RawRequestAsync(HttpMethod.Post, CheckoutSessionForm.Path, CheckoutSessionForm.Encode(request),
            new RawRequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        var session = client.Deserialize<Session>(response.Content);
        return new CreatedCheckoutSession(session.Id, new Uri(session.Url));
    }

    public Task<CheckoutSessionSnapshot?> GetCheckoutSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        OrNullWhenMissing(async () => (await client.V1.Checkout.Sessions.GetAsync(sessionId, cancellationToken: cancellationToken)).ToSnapshot());

    public Task<SubscriptionSnapshot?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        OrNullWhenMissing(async () => (await client.V1.Subscriptions.GetAsync(subscriptionId,
            new SubscriptionGetOptions { Expand = ["customer"] }, cancellationToken: cancellationToken)).ToSnapshot(Currency));

    public Task<InvoiceSnapshot?> GetInvoiceAsync(string invoiceId, CancellationToken cancellationToken) =>
        OrNullWhenMissing(async () => (await client.V1.Invoices.GetAsync(invoiceId, cancellationToken: cancellationToken)).ToSnapshot(Currency));

    public async Task<string?> FindInvoiceIdForPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        var payments = await client.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions
        {
            Payment = new InvoicePaymentPaymentOptions { Type = "payment_intent", PaymentIntent = paymentIntentId },
        }, cancellationToken: cancellationToken);
        return payments.Data.FirstOrDefault()?.InvoiceId;
    }

    public Task<DisputeSnapshot?> GetDisputeAsync(string disputeId, CancellationToken cancellationToken) =>
        OrNullWhenMissing(async () => (await client.V1.Disputes.GetAsync(disputeId, cancellationToken: cancellationToken)).ToSnapshot());

    // Reconciliation: what Stripe has, page by page (100 a page, Stripe's most).
    public IAsyncEnumerable<Event> ListEventsAsync(DateTime createdFrom, CancellationToken cancellationToken) =>
        client.V1.Events.ListAutoPagingAsync(new EventListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = createdFrom },
            Limit = 100,
        }, cancellationToken: cancellationToken);

    public async IAsyncEnumerable<InvoiceSnapshot> ListInvoicesAsync(DateTime createdFrom,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new InvoiceListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = createdFrom }, Limit = 100 };
        await foreach (var invoice in client.V1.Invoices.ListAutoPagingAsync(options, cancellationToken: cancellationToken))
        {
            yield return invoice.ToSnapshot(Currency);
        }
    }

    public async IAsyncEnumerable<SubscriptionSnapshot> ListSubscriptionsAsync(DateTime createdFrom,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new SubscriptionListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = createdFrom },
            Status = "all",
            Limit = 100,
        };
        await foreach (var subscription in client.V1.Subscriptions.ListAutoPagingAsync(options, cancellationToken: cancellationToken))
        {
            yield return subscription.ToSnapshot(Currency);
        }
    }

    public async Task<string?> FindPaymentIntentIdForInvoiceAsync(string invoiceId, CancellationToken cancellationToken)
    {
        var payments = await client.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions { Invoice = invoiceId },
            cancellationToken: cancellationToken);
        return payments.Data.Where(p => p.Status == "paid").Select(p => p.Payment?.PaymentIntentId).FirstOrDefault(id => id is not null);
    }

    // The supporter's own changes: amount, cancellation, the customer portal.
    public async Task<SubscriptionSnapshot> UpdateAmountAsync(AmountChange change, string idempotencyKey, CancellationToken cancellationToken)
    {
        var current = await client.V1.Subscriptions.GetAsync(change.SubscriptionId, cancellationToken: cancellationToken);
        var item = current.Items.Data.First();
        var options = new SubscriptionUpdateOptions
        {
            Items =
            [
                new SubscriptionItemOptions
                {
                    Id = item.Id,
                    PriceData = new SubscriptionItemPriceDataOptions
                    {
                        Currency = change.Currency,
                        UnitAmount = change.AmountCents,
                        Product = change.ProductId,
                        Recurring = new SubscriptionItemPriceDataRecurringOptions { Interval = change.Interval },
                    },
                },
            ],
            // The new amount starts with the next invoice; nothing is charged or credited now.
            ProrationBehavior = "none",
        };
        var updated = await client.V1.Subscriptions.UpdateAsync(change.SubscriptionId, options,
            new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return updated.ToSnapshot(Currency);
    }

    public async Task<SubscriptionSnapshot> SetCancelAtPeriodEndAsync(string subscriptionId, bool cancel, string idempotencyKey, CancellationToken cancellationToken)
    {
        var updated = await client.V1.Subscriptions.UpdateAsync(subscriptionId,
            new SubscriptionUpdateOptions { CancelAtPeriodEnd = cancel },
            new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return updated.ToSnapshot(Currency);
    }

    public async Task CancelNowAsync(string subscriptionId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var current = await GetSubscriptionAsync(subscriptionId, cancellationToken);
        if (current is null || current.State is ContributionStatus.Canceled or ContributionStatus.IncompleteExpired)
        {
            return;
        }
        await client.V1.Subscriptions.CancelAsync(subscriptionId, new SubscriptionCancelOptions(),
            new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
    }

    public async Task<Uri> CreatePortalSessionAsync(string customerId, Uri returnUrl, string idempotencyKey, CancellationToken cancellationToken)
    {
        var session = await client.V1.BillingPortal.Sessions.CreateAsync(
            new global::Stripe.BillingPortal.SessionCreateOptions { Customer = customerId, ReturnUrl = returnUrl.ToString() },
            new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return new Uri(session.Url);
    }

    public async Task<Uri> CreateCardUpdateSessionAsync(string customerId, Uri returnUrl, string idempotencyKey, CancellationToken cancellationToken)
    {
        var session = await client.V1.BillingPortal.Sessions.CreateAsync(new global::Stripe.BillingPortal.SessionCreateOptions
        {
            Customer = customerId,
            ReturnUrl = returnUrl.ToString(),
            FlowData = new global::Stripe.BillingPortal.SessionFlowDataOptions
            {
                Type = "payment_method_update",
                AfterCompletion = new global::Stripe.BillingPortal.SessionFlowDataAfterCompletionOptions
                {
                    Type = "redirect",
                    Redirect = new global::Stripe.BillingPortal.SessionFlowDataAfterCompletionRedirectOptions { ReturnUrl = returnUrl.ToString() },
                },
            },
        }, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return new Uri(session.Url);
    }

    public async Task<SubscriptionSnapshot> SetPauseAsync(string subscriptionId, DateTime? resumesAt, string idempotencyKey, CancellationToken cancellationToken)
    {
        // An explicit null sends pause_collection empty, which is how Stripe is told to resume.
        var options = new SubscriptionUpdateOptions
        {
            PauseCollection = resumesAt is { } at ? new SubscriptionPauseCollectionOptions { Behavior = "void", ResumesAt = at } : null,
        };
        var updated = await client.V1.Subscriptions.UpdateAsync(subscriptionId, options,
            new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return updated.ToSnapshot(Currency);
    }

    private static async Task<T?> OrNullWhenMissing<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (StripeException e) when (e.StripeError?.Code == "resource_missing" || e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
