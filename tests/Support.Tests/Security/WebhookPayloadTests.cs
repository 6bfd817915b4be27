using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Support.Tests.Infrastructure;

namespace Support.Tests.Security;

/// <summary>
/// Findings 7, 8 and 15: a correctly signed body that is no Stripe event, a signature header Stripe.net cannot
/// read, or a body far larger than any event, is answered 400 (Stripe stops retrying a 4xx only if it is ours to
/// refuse; a 500 would be retried for days) and stores nothing.
/// </summary>
public sealed class WebhookPayloadTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    private static readonly string Version = StripeConfiguration.ApiVersion;

    public static TheoryData<string> NotEvents() =>
    [
        "[]",
        "\"x\"",
        "null",
        "123",
        "{}",
        "{\"id\":1}",
        "{\"id\":\"evt_no_version\",\"object\":\"event\",\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_numeric_version\",\"object\":\"event\",\"api_version\":5,\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_no_type\",\"object\":\"event\",\"api_version\":\"" + Version + "\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_no_data\",\"object\":\"event\",\"api_version\":\"" + Version + "\",\"type\":\"invoice.paid\"}",
        "{\"id\":\"evt_data_list\",\"object\":\"event\",\"api_version\":\"" + Version + "\",\"type\":\"invoice.paid\",\"data\":[]}",
        "{\"id\":\"evt_object_text\",\"object\":\"event\",\"api_version\":\"" + Version + "\",\"type\":\"invoice.paid\",\"data\":{\"object\":\"x\"}}",
        "{\"id\":\"evt_created_text\",\"object\":\"event\",\"api_version\":\"" + Version + "\",\"type\":\"invoice.paid\",\"created\":\"soon\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_huge_number\",\"object\":\"event\",\"api_version\":\"" + Version + "\",\"type\":\"invoice.paid\",\"created\":1e309,\"data\":{\"object\":{}}}",
        "{\"id\":\"\",\"object\":\"event\",\"api_version\":\"" + Version + "\",\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_dup\",\"id\":\"evt_dup2\",\"object\":\"event\",\"api_version\":\"" + Version + "\",\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}",
    ];

    [Theory]
    [MemberData(nameof(NotEvents))]
    public async Task A_signed_body_that_is_not_a_stripe_event_is_refused_with_400(string payload)
    {
        using var client = app.CreateBrowserClient();
        var before = await StoredEventsAsync();

        var answer = await client.PostEventAsync(payload);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Matches("[A-Za-z]{4,} [A-Za-z]{2,}", await answer.Content.ReadAsStringAsync());
        Assert.Equal(before, await StoredEventsAsync());
    }

    [Theory]
    [InlineData("t=99999999999,v1={sig}")]
    [InlineData("t=999999999999999999999999,v1={sig}")]
    [InlineData("t=-1,v1={sig}")]
    [InlineData("t=abc,v1={sig}")]
    [InlineData("t=,v1=")]
    [InlineData("t")]
    [InlineData(",,,")]
    [InlineData("v1={sig}")]
    public async Task A_signature_header_stripe_cannot_read_is_refused_with_400(string header)
    {
        using var client = app.CreateBrowserClient();
        var payload = Webhooks.EventJson("evt_odd_header", "invoice.paid", "{\"id\":\"in_1\",\"object\":\"invoice\"}");
        var signature = EventUtility.GenerateSignatureHeader(payload, SupportAppFactory.WebhookSecret, 99999999999).Split("v1=")[1];
        var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", header.Replace("{sig}", signature, StringComparison.Ordinal));

        var answer = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.False(await app.QueryAsync(db => db.ProcessedStripeEvents.AnyAsync(e => e.EventId == "evt_odd_header")));
    }

    [Fact]
    public async Task A_chunked_body_larger_than_any_event_is_refused_before_it_is_read_in_full()
    {
        using var client = app.CreateBrowserClient();
        var sent = 0L;
        var body = new StreamContent(new EndlessStream(count => sent += count));
        var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = body };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("Stripe-Signature", "t=1,v1=" + new string('a', 64));

        HttpResponseMessage? answer = null;
        try
        {
            answer = await client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection while the client is still sending: also a refusal.
        }

        if (answer is not null)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        }
        Assert.True(sent < 8 * 1024 * 1024, $"The server read {sent} bytes before refusing.");
    }

    private Task<int> StoredEventsAsync() => app.QueryAsync(db => db.ProcessedStripeEvents.CountAsync());

    /// <summary>Spaces forever, up to 30 MB (Kestrel's default limit): what a client that never stops sending looks like.</summary>
    private sealed class EndlessStream(Action<int> onRead) : Stream
    {
        private long _left = 30L * 1024 * 1024;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            _left -= n;
            onRead(n);
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
