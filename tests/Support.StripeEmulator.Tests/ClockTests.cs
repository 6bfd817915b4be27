using Microsoft.Extensions.Time.Testing;

namespace Support.StripeEmulator.Tests;

public sealed class ClockTests
{
    [Fact]
    public async Task Timestamps_come_from_the_registered_time_provider()
    {
        var start = new DateTimeOffset(2030, 1, 31, 12, 0, 0, TimeSpan.Zero);
        await using var host = await EmulatorHost.StartAsync(time: new FakeTimeProvider(start));

        var session = await host.SubscribeAsync();
        var subscription = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);

        Assert.Equal(start.UtcDateTime, subscription.StartDate);
        Assert.Equal(start.UtcDateTime, subscription.Items.Data[0].CurrentPeriodStart);
        Assert.Equal(start.AddMonths(1).UtcDateTime, subscription.Items.Data[0].CurrentPeriodEnd);
        Assert.All(host.Received, e => Assert.Equal(start.UtcDateTime, e.Created));
    }
}
