using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters.Emails;
using Support.Data;
using Support.Data.Email;

namespace Support.Web.Jobs;

/// <summary>
/// Daily maintenance: sign-in tokens a day past their expiry and settled sign-in link and reminder change emails older than a week are
/// deleted; they prove nothing after that and name an address. Running twice (or on two instances) deletes nothing more.
/// </summary>
public sealed class DataRetentionJob(SupportDbContext db, TimeProvider time, ILogger<DataRetentionJob> logger)
{
    public const string RecurringJobId = "data-retention";

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var tokensBefore = now.AddDays(-1);
        var emailsBefore = now.AddDays(-7);
        var tokens = await db.SignInTokens.Where(t => t.ExpiresAt < tokensBefore).ExecuteDeleteAsync(ct);
        var links = await db.EmailDispatches
            .Where(d => (d.Kind == EmailKind.SignInLink || d.Kind == EmailKind.ReminderChange) && d.Status != EmailStatus.Pending && d.Status != EmailStatus.Sending && d.CreatedAt < emailsBefore)
            .ExecuteDeleteAsync(ct);
        logger.LogInformation("Data retention: deleted {Tokens} expired sign-in token(s) and {Links} old sign-in link or reminder change email(s)", tokens, links);
    }
}
