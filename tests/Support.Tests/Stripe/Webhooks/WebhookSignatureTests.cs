using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Support.Tests.Infrastructure;

namespace Support.Tests.Stripe.Webhooks;

public sealed class WebhookSignatureTests : IClassFixture<SupportAppFactory>
{
    private const string SubscriptionDeleted = """{"id":"sub_forged","object":"subscription","customer":"cus_forged","status":"canceled","items":{"object":"list","data":[]}}""";
    private readonly SupportAppFactory _app;

    public WebhookSignatureTests(SupportAppFactory app) => _app = app;

    private static string ForgedEvent(string id) => Infrastructure.Webhooks.EventJson(id, "customer.subscription.deleted", SubscriptionDeleted);

    [Fact]
    public async Task Unsigned_event_is_refused_with_400_and_nothing_is_stored()
    {
        using var client = _app.CreateBrowserClient();
        var response = await client.PostAsync("/stripe/webhook", new StringContent(ForgedEvent("evt_unsigned"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync("evt_unsigned");
    }

    [Fact]
    public async Task Event_signed_with_another_secret_is_refused_with_400()
    {
        using var client = _app.CreateBrowserClient();
        var response = await client.PostEventAsync(ForgedEvent("evt_wrong_secret"), secret: "whsec_somebody_else");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync("evt_wrong_secret");
    }

    [Fact]
    public async Task Forged_signature_header_is_refused_with_400()
    {
        using var client = _app.CreateBrowserClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = new StringContent(ForgedEvent("evt_forged"), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={DateTimeOffset.UtcNow.ToUnixTimeSeconds()},v1={new string('a', 64)}");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync("evt_forged");
    }

    [Fact]
    public async Task Event_signed_six_minutes_ago_is_refused_as_stale()
    {
        using var client = _app.CreateBrowserClient();
        var response = await client.PostEventAsync(ForgedEvent("evt_stale"), signedAt: DateTimeOffset.UtcNow.AddMinutes(-6));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync("evt_stale");
    }

    [Fact]
    public async Task Signed_but_malformed_payload_is_refused_with_400()
    {
        using var client = _app.CreateBrowserClient();
        var response = await client.PostEventAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_event_type_is_acknowledged_and_ignored()
    {
        using var client = _app.CreateBrowserClient();
        var response = await client.PostEventAsync(Infrastructure.Webhooks.EventJson("evt_unknown_type", "customer.tax_id.created", """{"id":"txi_1","object":"tax_id"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignored", await response.Content.ReadAsStringAsync());
        await AssertNothingStoredAsync("evt_unknown_type");
    }

    private async Task AssertNothingStoredAsync(string eventId)
    {
        Assert.False(await _app.QueryAsync(db => db.ProcessedStripeEvents.AnyAsync(e => e.EventId == eventId)));
        Assert.False(await _app.QueryAsync(db => db.Contributions.AnyAsync(c => c.StripeSubscriptionId == "sub_forged")));
    }
}
