using System.Net;
using Stripe;

namespace Support.StripeEmulator.Tests;

/// <summary>Issue 16: the 3-D Secure card 4000 0027 6000 3184 at Checkout, on a renewal, and the hosted invoice page that completes it.</summary>
public sealed class AuthenticationTests
{
    private const string ThreeDSecureCard = "4000 0027 6000 3184";

    [Fact]
    public async Task Checkout_with_card_3184_asks_for_authentication_and_pays_only_once_it_is_complete()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.CreateSessionAsync();

        using var asked = await host.PayAsync(session.Id, ThreeDSecureCard, authenticate: null);
        using var failed = await host.PayAsync(session.Id, ThreeDSecureCard, authenticate: "fail");
        var stillOpen = await host.Stripe.V1.Checkout.Sessions.GetAsync(session.Id);
        using var completed = await host.PayAsync(session.Id, ThreeDSecureCard, authenticate: "complete");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Complete authentication", await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.PaymentRequired, failed.StatusCode);
        Assert.Contains("unable to authenticate", await failed.Content.ReadAsStringAsync());
        Assert.Equal("open", stillOpen.Status);
        Assert.Equal(HttpStatusCode.SeeOther, completed.StatusCode);
    }

    [Fact]
    public async Task Renewal_on_card_3184_needs_action_and_the_hosted_invoice_page_completes_it()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync(ThreeDSecureCard);

        var invoice = await host.Stripe.V1.Invoices.GetAsync(await host.AdvanceAsync(session.SubscriptionId));
        var intent = (PaymentIntent)host.Received.Single(e => e.Type == "payment_intent.requires_action").Data.Object;
        var pastDue = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);
        var page = await host.Http.GetStringAsync(invoice.HostedInvoiceUrl);
        var seen = host.Emulator.Events.Count;
        using var authenticated = await host.Http.PostAsync(invoice.HostedInvoiceUrl, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["action"] = "authenticate", ["three_d_secure"] = "complete" }));
        await host.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        var paid = await host.Stripe.V1.Invoices.GetAsync(invoice.Id);

        Assert.Equal(["invoice.upcoming", "payment_intent.requires_action", "invoice.payment_failed", "invoice.payment_action_required",
            "customer.subscription.updated"], host.EventTypesAfter(EmulatorHost.CheckoutEventCount).Take(5));
        Assert.Equal(("open", (DateTime?)null), (invoice.Status, invoice.NextPaymentAttempt));
        Assert.Equal(("requires_action", "use_stripe_sdk"), (intent.Status, intent.NextAction.Type));
        Assert.Equal("past_due", pastDue.Status);
        Assert.Contains("Authenticate your payment", page);
        Assert.Contains("Paid on", await authenticated.Content.ReadAsStringAsync());
        Assert.Equal(("paid", 1L), (paid.Status, paid.AttemptCount));
        Assert.Equal(["charge.succeeded", "payment_intent.succeeded", "invoice.paid", "customer.subscription.updated"], host.EventTypesAfter(seen));
        Assert.Equal("active", (await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId)).Status);
    }

    [Fact]
    public async Task Failing_authentication_on_the_invoice_page_leaves_it_open_for_another_card()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync(ThreeDSecureCard);
        var invoice = await host.Stripe.V1.Invoices.GetAsync(await host.AdvanceAsync(session.SubscriptionId));

        using var failed = await host.Http.PostAsync(invoice.HostedInvoiceUrl, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["action"] = "authenticate", ["three_d_secure"] = "fail" }));
        var intent = await host.Stripe.V1.PaymentIntents.GetAsync(await host.PaymentIntentOfAsync(invoice.Id));

        Assert.Equal(HttpStatusCode.PaymentRequired, failed.StatusCode);
        Assert.Contains("name=\"cardNumber\"", await failed.Content.ReadAsStringAsync());
        Assert.Equal(("requires_payment_method", "payment_intent_authentication_failure"), (intent.Status, intent.LastPaymentError.Code));
    }

    [Fact]
    public async Task Invoice_page_takes_a_new_card_for_a_declined_renewal_without_counting_an_attempt()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync("4000 0000 0000 0341");
        var invoice = await host.Stripe.V1.Invoices.GetAsync(await host.AdvanceAsync(session.SubscriptionId));

        using var declined = await host.Http.PostAsync(invoice.HostedInvoiceUrl, EmulatorHost.CardForm("4000 0000 0000 0341"));
        using var paid = await host.Http.PostAsync(invoice.HostedInvoiceUrl, EmulatorHost.CardForm("4242 4242 4242 4242"));
        var after = await host.Stripe.V1.Invoices.GetAsync(invoice.Id);

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Contains("Your card was declined.", await declined.Content.ReadAsStringAsync());
        Assert.Contains("Paid on", await paid.Content.ReadAsStringAsync());
        Assert.Equal(("paid", 1L), (after.Status, after.AttemptCount));
        Assert.Equal("active", (await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId)).Status);
    }
}
