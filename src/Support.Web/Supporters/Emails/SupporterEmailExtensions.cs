namespace Support.Web.Supporters.Emails;

public static class SupporterEmailExtensions
{
    /// <summary>Thank-you, payment failed, cancellation and amount emails, sent by Hangfire jobs after webhooks.</summary>
    public static WebApplicationBuilder AddSupporterEmails(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupporterEmailBuilder>();
        builder.Services.AddScoped<SupporterEmailOutbox>();
        builder.Services.AddScoped<SupporterEmailJob>();
        return builder;
    }
}
