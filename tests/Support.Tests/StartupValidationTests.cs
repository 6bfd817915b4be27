using Support.Tests.Infrastructure;

namespace Support.Tests;

public sealed class StartupValidationTests
{
    internal static readonly KeyValuePair<string, string?>[] MailConfigured =
    [
        KeyValuePair.Create<string, string?>("Smtp:Host", "smtp.example.org"),
        KeyValuePair.Create<string, string?>("Site:PublicBaseUrl", "https://support.example.org"),
    ];

    private sealed class ProductionApp(params (string Key, string? Value)[] settings) : SupportAppFactory
    {
        protected override string Environment => "Production";

        // Mail is configured so that each test sees only the Stripe or database problem it is about; the emulator is
        // not allowed, as in a publisher's production settings.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            MailConfigured.Append(KeyValuePair.Create<string, string?>("Stripe:AllowEmulator", "false"))
                .Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
    }

    internal static string StartFailure(SupportAppFactory app)
    {
        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }
        return string.Join(" | ", messages);
    }

    [Fact]
    public void Production_without_a_webhook_secret_refuses_to_start_and_says_what_to_set()
    {
        using var app = new ProductionApp(("Stripe:SecretKey", "sk_test_configured"), ("Stripe:WebhookSecret", ""));

        Assert.Contains("Stripe:WebhookSecret is missing", StartFailure(app));
    }

    [Fact]
    public void Production_with_the_emulator_refuses_to_start()
    {
        using var app = new ProductionApp(("Stripe:SecretKey", ""), ("Stripe:WebhookSecret", "whsec_configured"));

        Assert.Contains("offline Stripe emulator is only allowed in Development", StartFailure(app));
    }

    [Fact]
    public void A_publishable_key_in_place_of_the_secret_key_is_refused()
    {
        using var app = new ProductionApp(("Stripe:SecretKey", "pk_test_wrong_kind"), ("Stripe:WebhookSecret", "whsec_configured"));

        Assert.Contains("must be a secret or restricted key", StartFailure(app));
    }

    [Fact]
    public void A_stripe_api_base_that_is_not_an_http_address_is_refused()
    {
        using var app = new ProductionApp(("Stripe:SecretKey", "sk_test_configured"), ("Stripe:WebhookSecret", "whsec_configured"),
            ("Stripe:ApiBase", "127.0.0.1:12111"));

        Assert.Contains("Stripe:ApiBase must be an absolute http:// or https:// address", StartFailure(app));
    }

    [Fact]
    public void Sql_server_provider_without_a_connection_string_refuses_to_start()
    {
        using var app = new ProductionApp(("Database:Provider", "SqlServer"), ("Stripe:SecretKey", "sk_test_x"), ("Stripe:WebhookSecret", "whsec_x"));

        Assert.Contains("ConnectionStrings:Support is empty", StartFailure(app));
    }
}

public sealed class ProductionConfigurationTests : IClassFixture<ProductionConfigurationTests.ConfiguredProduction>
{
    public sealed class ConfiguredProduction : SupportAppFactory
    {
        protected override string Environment => "Production";

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. StartupValidationTests.MailConfigured,
            KeyValuePair.Create<string, string?>("Stripe:SecretKey", "sk_test_configured_but_never_called"),
            KeyValuePair.Create<string, string?>("Stripe:WebhookSecret", "whsec_configured"),
        ];
    }

    private readonly ConfiguredProduction _app;

    public ProductionConfigurationTests(ConfiguredProduction app) => _app = app;

    [Theory]
    [InlineData("/stripe-emulator/checkout/cs_test_any")]
    [InlineData("/stripe-emulator/v1/products/prod_any")]
    [InlineData("/stripe-emulator/control/subscriptions/sub_any/advance")]
    public async Task Production_with_a_stripe_key_does_not_serve_the_emulator(string path)
    {
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Production_serves_articles_with_the_prompt()
    {
        using var client = _app.CreateBrowserClient();

        var page = await client.GetStringAsync(ReaderJourney.ArticlePath);

        Assert.Contains("support-prompt", page);
    }
}

public sealed class MailStartupValidationTests
{
    private sealed class ProductionWithoutMail : SupportAppFactory
    {
        protected override string Environment => "Production";

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            KeyValuePair.Create<string, string?>("Stripe:SecretKey", "sk_test_configured"),
            KeyValuePair.Create<string, string?>("Stripe:WebhookSecret", "whsec_configured"),
            // The test factory's unreachable mail server taken away: no mail settings at all.
            KeyValuePair.Create<string, string?>("Smtp:Host", ""),
        ];
    }

    [Fact]
    public void Production_without_an_smtp_host_refuses_to_start()
    {
        using var app = new ProductionWithoutMail();
        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());
        Assert.Contains("Smtp", error.ToString());
    }
}
