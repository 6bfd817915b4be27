using System.Net;
using Support.Web.Stripe.Webhooks;

namespace Support.Tests.Infrastructure;

/// <summary>
/// Replays a history the emulator made into an emptied ledger, as Stripe may deliver it (at least once, in any order,
/// concurrently), and checks the ledger ends as the history left it.
/// </summary>
public static class Replay
{
    /// <summary>Every event, a third of them twice, in an order drawn from <paramref name="seed"/>, one at a time.</summary>
    public static async Task ShuffledWithDuplicatesAsync(SupportAppFactory app, string expected, int seed)
    {
        var random = new Random(seed);
        var events = app.Emulator.Events.ToList();
        var deliveries = events.Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
        await app.QueryAsync(async db => { await LedgerSnapshot.ClearAsync(db); return 0; });

        using var client = app.CreateBrowserClient();
        foreach (var stripeEvent in deliveries)
        {
            var response = await client.PostEventAsync(stripeEvent.Payload);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(expected, await app.QueryAsync(LedgerSnapshot.TakeAsync));
    }

    /// <summary>Every event eight times, all in flight together: each handled event is applied once.</summary>
    public static async Task EightTimesAtOnceAsync(SupportAppFactory app, string expected)
    {
        var events = app.Emulator.Events.ToList();
        await app.QueryAsync(async db => { await LedgerSnapshot.ClearAsync(db); return 0; });
        using var client = app.CreateBrowserClient();

        var responses = await Task.WhenAll(events.SelectMany(e => Enumerable.Repeat(e, 8)).Select(e => client.PostEventAsync(e.Payload)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(events.Count(e => StripeEventHandlers.Handles(e.Type)), bodies.Count(b => b.Contains("applied")));
        Assert.Equal(expected, await app.QueryAsync(LedgerSnapshot.TakeAsync));
    }
}
