using System.Net;
using System.Text.Json;

namespace Support.StripeEmulator.Tests;

/// <summary>The delivery switches and log over HTTP, for tests and scripts that reach the emulator in another process.</summary>
public sealed class ControlTests
{
    [Fact]
    public async Task Delivery_log_over_http_shows_each_attempt_and_what_the_endpoint_answered()
    {
        await using var host = await EmulatorHost.StartAsync(failFirstDeliveries: 1);
        await host.SubscribeAsync();

        var log = await GetJsonAsync(host, "/stripe-emulator/control/webhooks");
        var retried = log.GetProperty("data").EnumerateArray().Single(d => d.GetProperty("attempts").GetArrayLength() == 2);
        var attempts = retried.GetProperty("attempts").EnumerateArray().ToList();

        Assert.Equal((4, 0), (log.GetProperty("delivered").GetInt32(), log.GetProperty("pending").GetInt32()));
        Assert.Equal("delivered", retried.GetProperty("status").GetString());
        Assert.StartsWith("evt_", retried.GetProperty("event").GetString());
        Assert.Equal([500, 200], attempts.Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal("receiver down for a moment", attempts[0].GetProperty("response_body").GetString());
    }

    [Fact]
    public async Task Wait_over_http_answers_408_while_paused_and_200_once_resumed_and_delivered()
    {
        await using var host = await EmulatorHost.StartAsync();
        using var paused = await host.Http.PostAsync("/stripe-emulator/control/webhooks/pause", null);
        await host.SubscribeWithoutWaitingAsync();

        using var held = await host.Http.GetAsync("/stripe-emulator/control/webhooks/wait?timeout=0.2");
        using var resumed = await host.Http.PostAsync("/stripe-emulator/control/webhooks/resume", null);
        using var settled = await host.Http.GetAsync("/stripe-emulator/control/webhooks/wait?timeout=20");

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(HttpStatusCode.RequestTimeout, held.StatusCode);
        Assert.Contains("paused", await held.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        Assert.Equal(4, host.Received.Count);
    }

    [Fact]
    public async Task Drop_and_abandon_over_http_change_what_is_sent()
    {
        await using var host = await EmulatorHost.StartAsync();

        using var badShare = await host.Http.PostAsync("/stripe-emulator/control/webhooks/drop?share=2", null);
        using var drop = await host.Http.PostAsync("/stripe-emulator/control/webhooks/drop?share=1", null);
        await host.SubscribeAsync();
        var log = await GetJsonAsync(host, "/stripe-emulator/control/webhooks?status=dropped");

        Assert.Equal(HttpStatusCode.BadRequest, badShare.StatusCode);
        Assert.Equal(1, (await JsonDocument.ParseAsync(await drop.Content.ReadAsStreamAsync())).RootElement.GetProperty("drop_share").GetDouble());
        Assert.Equal(4, log.GetProperty("data").GetArrayLength());
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task Hosted_pages_use_the_public_base_url_when_one_is_set()
    {
        await using var host = await EmulatorHost.StartAsync(configure: o => o.PublicBaseUrl = new Uri("https://pay.staging.example/"));

        var session = await host.CreateSessionAsync();

        Assert.Equal($"https://pay.staging.example/stripe-emulator/checkout/{session.Id}", session.Url);
    }

    private static async Task<JsonElement> GetJsonAsync(EmulatorHost host, string path) =>
        JsonDocument.Parse(await host.Http.GetStringAsync(path)).RootElement;
}
