using Support.Data.Email;

namespace Support.Web.Email.Outbox;

public static class EmailOutboxExtensions
{
    /// <summary>One kind of outgoing email: its rows of <typeparamref name="T"/>, sent by this process's senders.</summary>
    public static IServiceCollection AddEmailQueue<T, TQueue>(this IServiceCollection services)
        where T : QueuedEmail where TQueue : EmailQueue<T>
    {
        services.AddScoped<EmailQueue<T>, TQueue>();
        services.AddScoped<EmailClaims<T>>();
        services.AddScoped<ExpiredClaimRecovery<T>>();
        services.AddScoped<EmailSender<T>>();
        services.AddSingleton<SentRecords<T>>();
        services.AddSingleton<EmailWakeup<T>>();
        services.AddHostedService<EmailQueueService<T>>();
        return services;
    }
}
