using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Support.Tests.Infrastructure;

namespace Support.Tests;

public sealed class ApplicationStartTests : IClassFixture<ApplicationStartTests.WarmedApp>
{
    private readonly WarmedApp _app;

    public ApplicationStartTests(WarmedApp app) => _app = app;

    /// <summary>The app with the webhook warm-up on, as it is by default, and its log lines kept.</summary>
    public sealed class WarmedApp : SupportAppFactory
    {
        public ConcurrentQueue<string> Logged { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Stripe:WarmUpWebhooksAtStart", "true")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new KeptLines(Logged)));
        }
    }

    private sealed class KeptLines(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Health_endpoint_answers_200_when_the_database_is_ready()
    {
        using var client = _app.CreateBrowserClient();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_webhook_warm_up_at_start_leaves_nothing_written()
    {
        using var client = _app.CreateBrowserClient();
        await client.GetAsync("/healthz");
        var counts = await _app.QueryAsync(async db => new Dictionary<string, int>
        {
            ["events"] = await db.ProcessedStripeEvents.CountAsync(),
            ["supporters"] = await db.Supporters.CountAsync(),
            ["contributions"] = await db.Contributions.CountAsync(),
            ["payments"] = await db.Payments.CountAsync(),
            ["emails"] = await db.EmailDispatches.CountAsync(),
            ["month totals"] = await db.ReportMonths.CountAsync(),
            ["live gifts"] = await db.ReportLiveGifts.CountAsync(),
            ["active supporters"] = await db.ReportActiveSupporters.CountAsync(),
        });
        Assert.Contains(_app.Logged, line => line.StartsWith("Webhook write path warmed up", StringComparison.Ordinal));
        Assert.All(counts, c => Assert.True(c.Value == 0, $"{c.Value} row(s) of {c.Key} after the start"));
    }

#if !POSTGRESQL
    [Fact]
    public async Task Database_file_is_created_in_the_data_folder_by_migrations()
    {
        using var client = _app.CreateBrowserClient();
        await client.GetAsync("/healthz");
        Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "support.db")));
        var applied = await _app.QueryAsync(db => Task.FromResult(db.Database.GetAppliedMigrations().ToList()));
        Assert.NotEmpty(applied);
    }
#endif
}
