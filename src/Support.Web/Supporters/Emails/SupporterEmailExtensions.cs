using Support.Data.Supporters.Emails;
using Support.Web.Email.Outbox;

namespace Support.Web.Supporters.Emails;

public static class SupporterEmailExtensions
{
    /// <summary>Thank-you, payment failed, cancellation and amount emails after webhooks, and sign-in links.</summary>
    public static WebApplicationBuilder AddSupporterEmails(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SupporterEmailOptions>().BindConfiguration(SupporterEmailOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SupporterEmailBuilder>();
        builder.Services.AddScoped<SupporterEmailOutbox>();
        builder.Services.AddEmailQueue<EmailDispatch, SupporterEmailQueue>();
        return builder;
    }
}
