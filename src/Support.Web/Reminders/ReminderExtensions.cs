using System.Threading.RateLimiting;
using Hangfire;
using Microsoft.Extensions.Options;
using Support.Web.Email;
using Support.Web.Shared;

namespace Support.Web.Reminders;

public static class ReminderExtensions
{
    public const string SignupRateLimit = "reminder-signups";

    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .ValidateDataAnnotations()
            .Validate<IOptions<SmtpOptions>>((o, smtp) => o.ClaimLease >= 3 * smtp.Value.Timeout,
                "Reminders:ClaimLease must be at least three times Smtp:Timeout: a dispatcher renews its claim between messages.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ReminderSchedule>();
        builder.Services.AddSingleton<ReminderMessageBuilder>();
        builder.Services.AddScoped<ReminderSignup>();
        builder.Services.AddSingleton<ReminderWakeup>();
        builder.Services.AddScoped<ReminderClaims>();
        builder.Services.AddScoped<ReminderDispatcher>();
        builder.Services.AddScoped<ExpiredClaimRecovery>();
        builder.Services.AddScoped<ReminderJob>();
        builder.Services.AddSingleton<ReminderJobScheduler>();
        builder.Services.AddHostedService<ReminderDispatchService>();

        builder.Services.AddRateLimiter(limiter =>
        {
            // Per client address: the reader's, behind a trusted proxy (ForwardedHeaders settings).
            limiter.AddPolicy(SignupRateLimit, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<ReminderOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignupsPerWindow, Window = options.SignupWindow, QueueLimit = 0 });
            });
            limiter.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Pages.Message(StatusCodes.Status429TooManyRequests, "Too many reminders at once",
                    "We have received several reminder requests from your network in a short time. Please wait a few minutes and try again.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    public static WebApplication MapReminders(this WebApplication app)
    {
        app.MapReminderPages();

        // The previous design's reconcile job may still be registered in a deployed job store; dispatch replaced it.
        app.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists("reminders-reconcile");
        app.LogEmailDestination();
        return app;
    }
}
