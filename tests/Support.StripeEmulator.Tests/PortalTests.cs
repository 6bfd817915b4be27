using System.Net;
using Stripe;
using Stripe.BillingPortal;

namespace Support.StripeEmulator.Tests;

/// <summary>Issue 16: billing portal sessions with flow_data[type]=payment_method_update, as a card-update link opens them.</summary>
public sealed class PortalTests
{
    [Fact]
    public async Task Payment_method_update_flow_saves_the_new_card_and_redirects_so_the_next_retry_pays()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync("4000 0000 0000 0341");
        var invoiceId = await host.AdvanceAsync(session.SubscriptionId);

        var portal = await host.Stripe.V1.BillingPortal.Sessions.CreateAsync(UpdateFlow(session.CustomerId, new SessionFlowDataAfterCompletionOptions
        {
            Type = "redirect",
            Redirect = new SessionFlowDataAfterCompletionRedirectOptions { ReturnUrl = "https://support.example/account?card=updated" },
        }));
        var page = await host.Http.GetStringAsync(portal.Url);
        using var saved = await host.Http.PostAsync(portal.Url + "/payment-method", EmulatorHost.CardForm("4242 4242 4242 4242"));
        var subscription = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);
        var method = await host.Stripe.V1.PaymentMethods.GetAsync(subscription.DefaultPaymentMethodId);
        var status = await host.Emulator.RetryInvoicePaymentAsync(invoiceId);

        Assert.Equal(("payment_method_update", "redirect"), (portal.Flow.Type, portal.Flow.AfterCompletion.Type));
        Assert.Contains("Update your payment method", page);
        Assert.Contains("Card on file: Visa ending 0341.", page);
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal("https://support.example/account?card=updated", saved.Headers.Location!.ToString());
        Assert.Equal(("4242", session.CustomerId), (method.Card.Last4, method.CustomerId));
        Assert.Equal("paid", status);
    }

    [Fact]
    public async Task Without_a_redirect_the_flow_ends_on_a_confirmation_or_the_portal_homepage()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        var confirmation = await host.Stripe.V1.BillingPortal.Sessions.CreateAsync(UpdateFlow(session.CustomerId, new SessionFlowDataAfterCompletionOptions
        {
            Type = "hosted_confirmation",
            HostedConfirmation = new SessionFlowDataAfterCompletionHostedConfirmationOptions { CustomMessage = "Thank you, your gift continues." },
        }));
        var homepage = await host.Stripe.V1.BillingPortal.Sessions.CreateAsync(UpdateFlow(session.CustomerId, null));

        using var confirmed = await host.Http.PostAsync(confirmation.Url + "/payment-method", EmulatorHost.CardForm("4000 0000 0000 0259"));
        using var backHome = await host.Http.PostAsync(homepage.Url + "/payment-method", EmulatorHost.CardForm("4242 4242 4242 4242"));
        var home = await backHome.Content.ReadAsStringAsync();

        Assert.Contains("Thank you, your gift continues.", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal("portal_homepage", homepage.Flow.AfterCompletion.Type);
        Assert.Contains("Your payment method was updated.", home);
        Assert.Contains("Card on file: Visa ending 4242.", home);
        Assert.Contains("<h2>Subscriptions</h2>", home);
    }

    [Fact]
    public async Task Portal_refuses_a_declined_card_and_flows_it_does_not_emulate()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        var portal = await host.Stripe.V1.BillingPortal.Sessions.CreateAsync(UpdateFlow(session.CustomerId, null));

        using var declined = await host.Http.PostAsync(portal.Url + "/payment-method", EmulatorHost.CardForm("4000 0000 0000 0002"));
        var cancelFlow = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.BillingPortal.Sessions.CreateAsync(new SessionCreateOptions
        {
            Customer = session.CustomerId,
            FlowData = new SessionFlowDataOptions { Type = "subscription_cancel", SubscriptionCancel = new SessionFlowDataSubscriptionCancelOptions { Subscription = session.SubscriptionId } },
        }));
        var noUrl = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.BillingPortal.Sessions.CreateAsync(
            UpdateFlow(session.CustomerId, new SessionFlowDataAfterCompletionOptions { Type = "redirect" })));

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Contains("Your card was declined.", await declined.Content.ReadAsStringAsync());
        Assert.Equal("flow_data[subscription_cancel][subscription]", cancelFlow.StripeError.Param);
        Assert.Equal(("parameter_missing", "flow_data[after_completion][redirect][return_url]"), (noUrl.StripeError.Code, noUrl.StripeError.Param));
    }

    private static SessionCreateOptions UpdateFlow(string customerId, SessionFlowDataAfterCompletionOptions? after) => new()
    {
        Customer = customerId,
        ReturnUrl = "https://support.example/account",
        FlowData = new SessionFlowDataOptions { Type = "payment_method_update", AfterCompletion = after },
    };
}
