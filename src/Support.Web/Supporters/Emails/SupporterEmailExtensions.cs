using Hangfire;

namespace Support.Web.Supporters.Emails;

public static class SupporterEmailExtensions
{
    /// <summary>Thank-you, payment failed, cancellation and amount emails, sent by Hangfire jobs after webhooks.</summary>
    public static WebApplicationBuilder AddSupporterEmails(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupporterEmailBuilder>();
        builder.Services.AddScoped<SupporterEmailOutbox>();
        builder.Services.AddSingleton<SupporterEmailDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SupporterEmailDispatcher>());
        builder.Services.AddScoped<SupporterEmailJob>();
        builder.Services.AddScoped<SupporterEmailSweeper>();
        return builder;
    }

    /// <summary>Sweeps the email outbox every five minutes and once at start (after a crash or lost job storage).</summary>
    public static WebApplication ScheduleSupporterEmails(this WebApplication app)
    {
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<SupporterEmailSweeper>(
            SupporterEmailSweeper.RecurringJobId, s => s.RunAsync(CancellationToken.None), "*/5 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<SupporterEmailSweeper>(s => s.RunAsync(CancellationToken.None));
        return app;
    }
}
