using Support.Data.Email;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reminders;
using Support.Web.Shared;

namespace Support.Web.Reminders;

/// <summary>Cancelling a reminder from the link (GET shows a button, POST cancels) or a mail client's one-click POST.</summary>
public static class UnsubscribeEndpoints
{
    /// <summary>Tokens are 43 characters; anything much longer is not ours and is not worth a query.</summary>

    public static async Task<IResult> ConfirmAsync(string token, SupportDbContext db, CancellationToken ct)
    {
        var reminder = await FindAsync(db, token, ct);
        if (reminder is null)
        {
            return UnknownToken();
        }
        return reminder.Status == EmailStatus.Pending
            ? new RazorComponentResult<UnsubscribePage>(new { Token = token })
            : Outcome(reminder.Status);
    }

    public static async Task<IResult> UnsubscribeAsync(
        string token, SupportDbContext db, TimeProvider time, CancellationToken ct)
    {
        var reminder = await FindAsync(db, token, ct);
        if (reminder is null)
        {
            return UnknownToken();
        }
        var now = time.GetUtcNow().UtcDateTime;
        // Conditional, like the dispatcher's claim: whichever comes first wins, and a sent email stays recorded as sent.
        var cancelled = await db.Reminders
            .Where(r => r.Id == reminder.Id && r.Status == EmailStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, EmailStatus.Cancelled)
                .SetProperty(r => r.StatusReason, "Unsubscribed by the reader")
                .SetProperty(r => r.UpdatedAt, now), ct);
        if (cancelled == 0)
        {
            var status = await db.Reminders.Where(r => r.Id == reminder.Id).Select(r => r.Status).SingleAsync(ct);
            return Outcome(status);
        }
        return Pages.Message(StatusCodes.Status200OK, "You are unsubscribed",
            "We will not send you the reminder you asked for, and we keep no other plans to email you.");
    }

    private static Task<Reminder?> FindAsync(SupportDbContext db, string token, CancellationToken ct) =>
        !UrlTokens.CouldBeOurs(token)
            ? Task.FromResult<Reminder?>(null)
            : db.Reminders.AsNoTracking().FirstOrDefaultAsync(r => r.UnsubscribeToken == token, ct);

    private static RazorComponentResult<MessagePage> UnknownToken() =>
        Pages.NotFound("We could not find that reminder",
            "The link may be incomplete, or the reminder was removed. If you copied it from an email, check that you copied all of it.");

    private static RazorComponentResult<MessagePage> Outcome(EmailStatus status) => status switch
    {
        EmailStatus.Cancelled => Pages.Message(StatusCodes.Status200OK, "Already unsubscribed",
            "This reminder was already cancelled. We will not send it."),
        EmailStatus.Sent => Pages.Message(StatusCodes.Status200OK, "This reminder was already sent",
            "It was the only email you asked for; we have no further emails planned for you."),
        EmailStatus.Sending => Pages.Message(StatusCodes.Status200OK, "This reminder is being sent right now",
            "It is the only email you asked for; we have no further emails planned for you."),
        _ => Pages.Message(StatusCodes.Status200OK, "Nothing more will be sent",
            "This reminder is closed. We have no further emails planned for you."),
    };
}
