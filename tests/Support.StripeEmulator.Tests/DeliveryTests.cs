using Microsoft.AspNetCore.Http;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator.Tests;

/// <summary>Deliveries as Stripe makes them: several at once, out of order, retried, and switches tests use on them.</summary>
public sealed class DeliveryTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Deliveries_leave_creation_order_when_shuffled()
    {
        await using var host = await EmulatorHost.StartAsync(configure: o => (o.DeliveryShuffleWindow, o.DeliverySeed) = (8, 7));
        host.Emulator.PauseDeliveries();
        for (var i = 0; i < 4; i++)
        {
            await host.SubscribeWithoutWaitingAsync();
        }

        host.Emulator.ResumeDeliveries();
        await host.Emulator.WaitForDeliveriesAsync(_timeout);

        var created = host.Emulator.Events.Select(e => e.Id).ToList();
        var received = host.Received.Select(e => e.Id).ToList();
        Assert.Equal(16, created.Count);
        Assert.Equal(created.Order(), received.Order());
        Assert.NotEqual(created, received);
    }

    [Fact]
    public async Task Window_of_one_and_one_sender_keep_creation_order()
    {
        await using var host = await EmulatorHost.StartAsync();
        host.Emulator.PauseDeliveries();
        for (var i = 0; i < 3; i++)
        {
            await host.SubscribeWithoutWaitingAsync();
        }

        host.Emulator.ResumeDeliveries();
        await host.Emulator.WaitForDeliveriesAsync(_timeout);

        Assert.Equal(host.Emulator.Events.Select(e => e.Id), host.Received.Select(e => e.Id));
    }

    [Fact]
    public async Task Several_deliveries_are_in_flight_at_once()
    {
        await using var host = await EmulatorHost.StartAsync(configure: o => o.DeliveryConcurrency = 4);
        var inFlight = 0;
        var allFourArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Intercept = async _ =>
        {
            // Hold each delivery until four are open together; with one sender this never completes.
            if (Interlocked.Increment(ref inFlight) >= 4)
            {
                allFourArrived.TrySetResult();
            }
            await allFourArrived.Task.WaitAsync(_timeout);
            return null;
        };

        await host.SubscribeAsync();

        Assert.True(allFourArrived.Task.IsCompletedSuccessfully);
        Assert.Equal(4, host.Received.Count);
    }

    [Fact]
    public async Task Failed_attempts_are_retried_and_each_is_in_the_log()
    {
        await using var host = await EmulatorHost.StartAsync(failFirstDeliveries: 2);

        await host.SubscribeAsync();

        var deliveries = host.Emulator.Deliveries;
        var retried = deliveries.Where(d => d.Attempts.Count > 1).ToList();
        Assert.All(deliveries, d => Assert.Equal(WebhookDeliveryStatus.Delivered, d.Status));
        Assert.Equal(6, deliveries.Sum(d => d.Attempts.Count));
        Assert.All(retried, d =>
        {
            Assert.Equal((500, 200), (d.Attempts[0].StatusCode, d.Attempts[^1].StatusCode));
            Assert.Equal("receiver down for a moment", d.Attempts[0].ResponseBody);
            Assert.True(d.Attempts[1].StartedAt >= d.Attempts[0].StartedAt + TimeSpan.FromMilliseconds(50));
        });
        Assert.Equal(new Uri(host.BaseUrl, "/stripe/webhook"), deliveries[0].Attempts[0].Url);
    }

    [Fact]
    public async Task Delivery_is_given_up_after_the_last_retry_of_the_schedule()
    {
        await using var host = await EmulatorHost.StartAsync(configure: o => o.RetrySchedule = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)]);
        host.Intercept = _ => Task.FromResult<IResult?>(Results.StatusCode(503));

        await host.SubscribeAsync();

        Assert.All(host.Emulator.Deliveries, d => Assert.Equal((WebhookDeliveryStatus.Failed, 3), (d.Status, d.Attempts.Count)));
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_a_failed_attempt_and_retried()
    {
        await using var host = await EmulatorHost.StartAsync(configure: o => o.DeliveryTimeout = TimeSpan.FromSeconds(1));
        var hung = 0;
        host.Intercept = async context =>
        {
            if (Interlocked.Increment(ref hung) != 1)
            {
                return null;
            }
            // Answers only once the emulator has given up on this attempt and closed the connection.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return Results.StatusCode(499);
        };

        await host.SubscribeAsync();

        var attempts = host.Emulator.Deliveries[0].Attempts;
        Assert.Null(attempts[0].StatusCode);
        Assert.StartsWith("No answer within", attempts[0].Error);
        Assert.Equal(200, attempts[^1].StatusCode);
        Assert.Equal(4, host.Received.Count);
    }

    [Fact]
    public async Task Paused_deliveries_are_held_until_resumed()
    {
        await using var host = await EmulatorHost.StartAsync();
        host.Emulator.PauseDeliveries();

        await host.SubscribeWithoutWaitingAsync();
        var whilePaused = await Assert.ThrowsAsync<TimeoutException>(() => host.Emulator.WaitForDeliveriesAsync(TimeSpan.FromMilliseconds(200)));
        var heldCount = host.Emulator.Deliveries.Count(d => d.Status == WebhookDeliveryStatus.Pending);
        host.Emulator.ResumeDeliveries();
        await host.Emulator.WaitForDeliveriesAsync(_timeout);

        Assert.Contains("paused", whilePaused.Message);
        Assert.Equal(4, heldCount);
        Assert.Equal(4, host.Received.Count);
    }

    [Fact]
    public async Task Dropped_deliveries_are_never_sent_and_the_events_stay_listed()
    {
        await using var host = await EmulatorHost.StartAsync();
        host.Emulator.DropDeliveries(1);

        var session = await host.SubscribeAsync();
        host.Emulator.DropDeliveries(0);
        await host.Emulator.RefundInvoiceAsync(session.InvoiceId, 100);
        await host.Emulator.WaitForDeliveriesAsync(_timeout);

        Assert.Equal(Enumerable.Repeat(WebhookDeliveryStatus.Dropped, 4), host.Emulator.Deliveries.Take(4).Select(d => d.Status));
        Assert.All(host.Emulator.Deliveries.Take(4), d => Assert.Empty(d.Attempts));
        Assert.Equal(["charge.refunded"], host.ReceivedTypes());
    }

    [Fact]
    public async Task Abandoned_deliveries_fail_for_good()
    {
        await using var host = await EmulatorHost.StartAsync();
        host.Emulator.PauseDeliveries();
        await host.SubscribeWithoutWaitingAsync();

        var abandoned = host.Emulator.AbandonPendingDeliveries();
        host.Emulator.ResumeDeliveries();
        await host.Emulator.WaitForDeliveriesAsync(_timeout);

        Assert.Equal(4, abandoned);
        Assert.All(host.Emulator.Deliveries, d => Assert.Equal(WebhookDeliveryStatus.Failed, d.Status));
        Assert.Empty(host.Received);
    }
}
