using Microsoft.Extensions.DependencyInjection;
using Support.Data.Email;
using Support.Tests.Infrastructure;
using Support.Web.Email.Outbox;

namespace Support.Tests.Email;

/// <summary>What another sender (thread or process) does: a fresh scope and one sending round of one kind of email.</summary>
public static class EmailRounds
{
    /// <summary>Runs one round to its end; returns how many claimed emails it settled.</summary>
    public static async Task<int> SendRoundAsync<T>(this SupportAppFactory app) where T : QueuedEmail
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailSender<T>>().SendDueAsync(CancellationToken.None);
    }
}
