using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Support.Data.Email;
using Support.Data.Reminders;
using Support.Tests.Infrastructure;
using Support.Tests.Reminders;
using Support.Web.Email.Outbox;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Hosting;

/// <summary>What SIGTERM does: not ready at once, serving through the drain delay, claims handed back.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Readiness_answers_503_as_soon_as_the_stop_begins_while_pages_are_still_served()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new ReminderAppFactory { Clock = clock, ExtraSettings = [new("Shutdown:DrainDelay", "00:01:00"), new("Shutdown:Timeout", "00:02:00")] };
        using var client = app.CreateBrowserClient();
        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("database: Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Contains("jobs: Healthy", await ready.Content.ReadAsStringAsync());

        var stopping = app.Services.GetRequiredService<IHost>().StopAsync();

        await Eventually.TrueAsync(async () => (await client.GetAsync("/healthz/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            "readiness answers 503");
        Assert.Contains("shutdown: Unhealthy (shutting down)", await (await client.GetAsync("/healthz/ready")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ReaderJourney.ArticlePath)).StatusCode);
        Assert.False(stopping.IsCompleted);

        clock.Advance(TimeSpan.FromMinutes(1));
        await stopping.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_stopping_dispatcher_hands_back_what_it_has_not_sent_so_another_instance_claims_it_at_once()
    {
        using var app = new ReminderAppFactory();
        app.StartServer();
        var inFlight = NewEmail("hold");
        var unsent = Enumerable.Range(0, 4).Select(_ => NewEmail()).ToList();
        await app.InsertDueRemindersAsync([inFlight, .. unsent]);
        await app.Smtp.Holding.WaitAsync(TimeSpan.FromSeconds(30));

        // The stop arrives while the first message of the batch is with the SMTP server.
        var dispatchers = app.Services.GetServices<IHostedService>().OfType<EmailQueueService<Reminder>>().Single();
        var stopping = dispatchers.StopAsync(CancellationToken.None);
        app.Smtp.ReleaseHeld();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(EmailStatus.Sent, (await app.RemindersForAsync(inFlight)).Single().Status);
        var handedBack = (await Task.WhenAll(unsent.Select(app.RemindersForAsync))).Select(r => r.Single()).ToList();
        Assert.All(handedBack, r =>
        {
            Assert.Equal(EmailStatus.Pending, r.Status);
            Assert.Null(r.ClaimToken);
            Assert.Equal(0, r.Attempts);
        });
        Assert.All(unsent, email => Assert.Empty(app.Smtp.For(email)));

        // Another instance's next look claims them, well within the two-minute lease the claim had.
        await using var scope = app.Services.CreateAsyncScope();
        var claim = await scope.ServiceProvider.GetRequiredService<EmailClaims<Reminder>>().ClaimDueAsync(20, CancellationToken.None);
        Assert.NotNull(claim);
        Assert.Equal(handedBack.Select(r => r.Id).Order(), claim.Rows.Select(r => r.Id).Order());
    }
}
