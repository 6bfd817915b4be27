namespace Support.StripeEmulator.Tests;

public sealed class WebhookTests
{
    [Fact]
    public async Task Failing_webhook_endpoint_is_retried_until_it_answers_200()
    {
        await using var host = await EmulatorHost.StartAsync(failFirstDeliveries: 2);

        await host.SubscribeAsync();

        Assert.Equal(4 + 2, host.DeliveryAttempts);
        // A failing event does not hold back the others: the retried ones arrive after them.
        Assert.Equal(["checkout.session.completed", "customer.created", "customer.subscription.created", "invoice.paid"], host.ReceivedTypes().Order());
    }

    [Fact]
    public async Task Recorded_payload_verifies_with_a_fresh_signature()
    {
        await using var host = await EmulatorHost.StartAsync();
        await host.SubscribeAsync();
        var recorded = host.Emulator.Events[0];

        var header = Stripe.EventUtility.GenerateSignatureHeader(recorded.Payload, EmulatorHost.WebhookSecret);
        var replayed = Stripe.EventUtility.ConstructEvent(recorded.Payload, header, EmulatorHost.WebhookSecret);

        Assert.Equal((recorded.Id, "customer.created"), (replayed.Id, replayed.Type));
    }
}
