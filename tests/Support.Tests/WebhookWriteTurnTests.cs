using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;
using Support.Web.Data;

namespace Support.Tests;

/// <summary>On SQLite, webhook transactions queue at the in-process write gate instead of polling the file lock.</summary>
public sealed class WebhookWriteTurnTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Fact]
    public async Task Webhook_is_recorded_only_after_the_writer_holding_the_sqlite_gate_passes_its_turn()
    {
        using var browser = app.CreateBrowserClient();
        await new ReaderJourney(browser).GiveMonthlyAsync("5", "turns@example.org");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var paid = app.Emulator.Events.First(e => e.Type == "invoice.paid");
        await app.QueryAsync(async db => { await LedgerSnapshot.ClearAsync(db); return 0; });
        var gate = app.Services.GetRequiredService<WriteGate>();

        Task<HttpResponseMessage> delivery;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            delivery = browser.PostEventAsync(paid.Payload);
            await WaitUntilAsync(() => Task.FromResult(gate.Waiting > 0));
            Assert.False(delivery.IsCompleted);
            Assert.False(await IsRecordedAsync(paid.Id));
        }
        var response = await delivery.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("applied", await response.Content.ReadAsStringAsync());
        Assert.True(await IsRecordedAsync(paid.Id));
    }

    private Task<bool> IsRecordedAsync(string eventId) =>
        app.QueryAsync(db => db.ProcessedStripeEvents.AnyAsync(e => e.EventId == eventId));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(20);
        }
    }
}
