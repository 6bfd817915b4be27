using Microsoft.Extensions.Options;
using Support.Data.Reminders;
using Support.Web.Email.Outbox;
using Support.Web.Embed;
using Support.Web.Hosting;
using Support.Web.Shared;

namespace Support.Web.Reminders;

public static class ReminderExtensions
{
    public const string SignupRateLimit = "reminder-signups";

    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReminderSchedule>();
        builder.Services.AddSingleton<ReminderMessageBuilder>();
        builder.Services.AddScoped<ReminderSignup>();
        builder.Services.AddEmailQueue<Reminder, ReminderQueue>();
        builder.Services.AddSingleton<ReminderChanges>();
        builder.Services.AddScoped<ReminderChangeEmails>();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignupRateLimit, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<ReminderOptions>>().Value;
                return ClientLimits.FixedWindow(http, options.SignupsPerWindow, options.SignupWindow);
            });
            limiter.OnRejected = async (context, _) =>
            {
                const string Sentence = "We have received several reminder requests from your network in a short time. Please wait a few minutes and try again.";
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                // The embedded prompt's form asks for JSON and shows the sentence in the prompt.
                var result = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
                    ? Results.Json(new EmbedError(Sentence), statusCode: StatusCodes.Status429TooManyRequests)
                    : Pages.Message(StatusCodes.Status429TooManyRequests, "Too many reminders at once", Sentence);
                await result.ExecuteAsync(http);
            };
        });
        return builder;
    }

    public static WebApplication MapReminders(this WebApplication app)
    {
        app.MapReminderPages();
        return app;
    }
}
