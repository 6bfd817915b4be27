using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Support.Benchmarks.Hosting;

namespace Support.Benchmarks.Scenarios.Webhooks;

/// <summary>A real subscription made through the emulator's hosted checkout, with its Stripe JSON as the emulator serves it.</summary>
public sealed record BenchSubscription(string Id, JsonObject Subscription, JsonObject FirstInvoice);

/// <summary>
/// Creates subscriptions the way readers do (prompt form, then the emulator's checkout page with 4242…), waits
/// until the emulator's webhooks have recorded them, then reads their JSON from the emulator's API so the
/// synthesized events carry Stripe's shapes.
/// </summary>
public static class SubscriptionSetup
{
    public static async Task<List<BenchSubscription>> CreateAsync(BenchContext bench, int count)
    {
        // Four readers at a time: set-up, not measurement, and it should not eat the run's ten minutes.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var dollars = (2 + i % 20).ToString(CultureInfo.InvariantCulture);
            using var checkout = await bench.Client.PostAsync("support/checkout", new FormUrlEncodedContent(
                [new("article", BenchContext.ArticleSlug), new("amount", "other"), new("customAmount", dollars), new("email", $"bench{i}@example.org")]), ct);
            var page = Expect303(checkout, "POST /support/checkout");
            using var paid = await bench.Client.PostAsync(page, new FormUrlEncodedContent(
            [
                new("email", $"bench{i}@example.org"), new("cardNumber", "4242 4242 4242 4242"),
                new("expiry", "12/34"), new("cvc", "123"), new("name", "Bench Reader"),
            ]), ct);
            Expect303(paid, "POST to the emulator's checkout page");
        });

        // checkout.session.completed, customer.subscription.created and invoice.paid are recorded per subscription.
        var ledger = await Ledger.ReadAsync(bench.Database, bench.Service.DataDirectory);
        var recorded = await Poll.UntilAsync(async () =>
        {
            ledger = await Ledger.ReadAsync(bench.Database, bench.Service.DataDirectory);
            return ledger.Contributions >= count && ledger.PaidPayments >= count && ledger.ProcessedEvents >= 3 * count;
        }, TimeSpan.FromSeconds(60 + count), TimeSpan.FromMilliseconds(200));
        if (!recorded)
        {
            throw new TimeoutException($"The emulator's webhooks recorded {ledger} for {count} checkouts.");
        }

        var subscriptions = new List<BenchSubscription>();
        foreach (var id in await SubscriptionIdsAsync(bench))
        {
            var subscription = await GetAsync(bench, $"v1/subscriptions/{id}");
            var invoice = await GetAsync(bench, $"v1/invoices/{subscription["latest_invoice"]}");
            subscriptions.Add(new BenchSubscription(id, subscription, invoice));
        }
        return subscriptions;
    }

    private static Uri Expect303(HttpResponseMessage response, string what) =>
        response.StatusCode == HttpStatusCode.SeeOther && response.Headers.Location is { } location
            ? location
            : throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}, not 303.");

    private static async Task<JsonObject> GetAsync(BenchContext bench, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(bench.EmulatorApiBase.ToString().TrimEnd('/') + "/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_benchmark");
        using var response = await bench.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<List<string>> SubscriptionIdsAsync(BenchContext bench)
    {
        await using var connection = await bench.Database.OpenAsync(bench.Service.DataDirectory);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "StripeSubscriptionId" FROM "Contributions" ORDER BY "Id" """;
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
