using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Support.Data.Email;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using Support.Tests.Reminders;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Hosting;

/// <summary>/metrics for Prometheus: off by default, and when on, only for the networks allowed to scrape.</summary>
public sealed partial class MetricsTests
{
    private static readonly KeyValuePair<string, string?> On = new("Metrics:Enabled", "true");

    [Fact]
    public async Task With_metrics_off_there_is_no_metrics_endpoint()
    {
        using var app = new SupportAppFactory();
        using var client = app.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task With_metrics_on_checkouts_webhooks_emails_reminders_and_requests_are_counted_with_their_labels()
    {
        using var app = new AccountAppFactory { ExtraSettings = [On] };
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await app.BecomeSupporterAsync(browser, email);
        await app.Smtp.WaitForAsync(email);
        var reminder = ReminderTestData.NewEmail();
        await app.InsertDueRemindersAsync([reminder]);
        await app.WaitForStatusAsync(reminder, EmailStatus.Sent);

        List<Sample> samples = [];
        await Eventually.TrueAsync(async () =>
        {
            samples = Parse(await browser.GetStringAsync("/metrics"));
            return Value(samples, "support_emails_total", ("queue", "supporter"), ("kind", "ThankYou"), ("outcome", "sent")) >= 1
                && Value(samples, "support_emails_total", ("queue", "reminder"), ("kind", "reminder"), ("outcome", "sent")) >= 1;
        }, "the thank-you email and the reminder are counted");

        Assert.True(Value(samples, "support_checkouts_started_total") >= 1);
        Assert.True(Value(samples, "support_webhook_events_total", ("event_type", "checkout.session.completed"), ("outcome", "applied")) >= 1);
        Assert.True(Value(samples, "support_webhook_events_total", ("event_type", "invoice.paid"), ("outcome", "applied")) >= 1);
        Assert.True(Value(samples, "support_email_dispatch_lag_seconds_count", ("queue", "reminder")) >= 1);
        Assert.True(Value(samples, "http_server_request_duration_seconds_count",
            ("http_route", "/support/checkout"), ("http_request_method", "POST"), ("http_response_status_code", "303")) >= 1);
    }

    private sealed class ScrapersOnlyApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [On, new("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8"), new("ForwardedHeaders:KnownProxies:0", "::1")];
    }

    [Fact]
    public async Task Metrics_are_served_to_a_scraper_on_an_allowed_network_but_not_to_a_reader_through_the_proxy()
    {
        using var app = new ScrapersOnlyApp();
        using var scraper = app.CreateBrowserClient();
        using var reader = app.CreateBrowserClient();
        reader.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/metrics")).StatusCode);
    }

    private sealed record Sample(string Name, Dictionary<string, string> Labels, double Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    /// <summary>Prometheus text format, sample lines only.</summary>
    private static List<Sample> Parse(string text) =>
        text.Split('\n').Select(line => SampleLine().Match(line)).Where(m => m.Success).Select(m => new Sample(
            m.Groups["name"].Value,
            Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value),
            double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))).ToList();

    /// <summary>The sum over the samples of that name carrying these labels (other labels, e.g. otel_scope_name, may vary).</summary>
    private static double Value(List<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);
}
