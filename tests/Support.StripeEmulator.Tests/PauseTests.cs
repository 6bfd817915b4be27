using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Support.StripeEmulator.Tests;

/// <summary>Issue 16: pause_collection with behavior=void and resumes_at, resuming early, and cancellation details.</summary>
public sealed class PauseTests
{
    private static readonly DateTimeOffset _start = new(2030, 5, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Paused_subscription_renews_with_a_void_invoice_and_no_charge_until_resumes_at()
    {
        await using var host = await EmulatorHost.StartAsync(time: new FakeTimeProvider(_start));
        var session = await host.SubscribeAsync();
        var resumesAt = _start.AddDays(45);

        var paused = await host.Stripe.V1.Subscriptions.UpdateAsync(session.SubscriptionId, new SubscriptionUpdateOptions
        {
            PauseCollection = new SubscriptionPauseCollectionOptions { Behavior = "void", ResumesAt = resumesAt.UtcDateTime },
        });
        var charges = (await host.Stripe.V1.Charges.ListAsync()).Data.Count;
        var seen = host.Emulator.Events.Count;
        var voided = await host.Stripe.V1.Invoices.GetAsync(await host.AdvanceAsync(session.SubscriptionId));
        var whilePaused = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);
        var chargesAfterPause = (await host.Stripe.V1.Charges.ListAsync()).Data.Count;
        var afterPause = host.EventTypesAfter(seen);
        seen = host.Emulator.Events.Count;
        var resumed = await host.Stripe.V1.Invoices.GetAsync(await host.AdvanceAsync(session.SubscriptionId));
        var resumedEvent = host.Emulator.Events.Skip(seen).First();

        Assert.Equal(("void", resumesAt.UtcDateTime), (paused.PauseCollection.Behavior, paused.PauseCollection.ResumesAt));
        Assert.Equal(("void", 0L, 0L), (voided.Status, voided.AmountPaid, voided.AmountRemaining));
        Assert.NotNull(voided.StatusTransitions.VoidedAt);
        Assert.Equal(("active", _start.AddMonths(1).UtcDateTime), (whilePaused.Status, whilePaused.Items.Data[0].CurrentPeriodStart));
        Assert.Equal(charges, chargesAfterPause);
        Assert.Equal(["invoice.voided", "customer.subscription.updated"], afterPause);
        Assert.Equal(("customer.subscription.updated", "paid"), (resumedEvent.Type, resumed.Status));
        Assert.Contains("\"pause_collection\": {", resumedEvent.Payload[resumedEvent.Payload.IndexOf("previous_attributes", StringComparison.Ordinal)..]);
        Assert.Null((await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId)).PauseCollection);
    }

    [Fact]
    public async Task Pause_without_resumes_at_lasts_until_an_empty_pause_collection_resumes_it()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        await host.Stripe.V1.Subscriptions.UpdateAsync(session.SubscriptionId,
            new SubscriptionUpdateOptions { PauseCollection = new SubscriptionPauseCollectionOptions { Behavior = "void" } });

        var first = await host.Stripe.V1.Invoices.GetAsync(await host.AdvanceAsync(session.SubscriptionId));
        var second = await host.Stripe.V1.Invoices.GetAsync(await host.AdvanceAsync(session.SubscriptionId));
        var resumed = await host.Stripe.V1.Subscriptions.UpdateAsync(session.SubscriptionId, new SubscriptionUpdateOptions { PauseCollection = null });
        var third = await host.Stripe.V1.Invoices.GetAsync(await host.AdvanceAsync(session.SubscriptionId));

        Assert.Equal(("void", "void", "paid"), (first.Status, second.Status, third.Status));
        Assert.Null(resumed.PauseCollection);
    }

    [Fact]
    public async Task Pausing_is_refused_for_other_behaviors_a_past_resumes_at_and_a_canceled_subscription()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        Task<Subscription> Pause(string behavior, DateTime? resumesAt = null) => host.Stripe.V1.Subscriptions.UpdateAsync(session.SubscriptionId,
            new SubscriptionUpdateOptions { PauseCollection = new SubscriptionPauseCollectionOptions { Behavior = behavior, ResumesAt = resumesAt } });

        var draft = await Assert.ThrowsAsync<StripeException>(() => Pause("keep_as_draft"));
        var past = await Assert.ThrowsAsync<StripeException>(() => Pause("void", DateTime.UtcNow.AddDays(-1)));
        await host.Stripe.V1.Subscriptions.CancelAsync(session.SubscriptionId);
        var canceled = await Assert.ThrowsAsync<StripeException>(() => Pause("void"));

        Assert.Equal("pause_collection[behavior]", draft.StripeError.Param);
        Assert.Equal("pause_collection[resumes_at]", past.StripeError.Param);
        Assert.Equal("invalid_canceled_subscription_fields", canceled.StripeError.Code);
    }

    [Fact]
    public async Task Cancellation_details_keep_the_reason_with_the_customers_feedback()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();

        var scheduled = await host.Stripe.V1.Subscriptions.UpdateAsync(session.SubscriptionId, new SubscriptionUpdateOptions
        {
            CancelAtPeriodEnd = true,
            CancellationDetails = new SubscriptionCancellationDetailsOptions { Feedback = "too_expensive", Comment = "Back next year" },
        });
        var kept = await host.Stripe.V1.Subscriptions.UpdateAsync(session.SubscriptionId, new SubscriptionUpdateOptions { CancelAtPeriodEnd = false });
        var canceled = await host.Stripe.V1.Subscriptions.CancelAsync(session.SubscriptionId,
            new SubscriptionCancelOptions { CancellationDetails = new SubscriptionCancellationDetailsOptions { Feedback = "unused" } });

        Assert.Equal(("cancellation_requested", "too_expensive", "Back next year"),
            (scheduled.CancellationDetails.Reason, scheduled.CancellationDetails.Feedback, scheduled.CancellationDetails.Comment));
        Assert.Equal((null, null), (kept.CancellationDetails.Reason, kept.CancellationDetails.Feedback));
        Assert.Equal(("cancellation_requested", "unused"), (canceled.CancellationDetails.Reason, canceled.CancellationDetails.Feedback));
    }
}
