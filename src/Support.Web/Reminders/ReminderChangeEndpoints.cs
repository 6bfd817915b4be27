using Microsoft.AspNetCore.Http.HttpResults;
using Support.Data;
using Support.Data.Reminders;
using Support.Web.Email.Outbox;
using Support.Web.Shared;

namespace Support.Web.Reminders;

/// <summary>The link in the confirmation email: a GET shows the new date and a button (mail scanners follow links), the POST moves the reminder.</summary>
public static class ReminderChangeEndpoints
{
    public static void MapReminderChanges(this RouteGroupBuilder group)
    {
        group.MapGet("/change/{token}", (string token, ReminderChanges changes, TimeProvider time) =>
            changes.Read(token) is { } change
                ? new RazorComponentResult<ReminderChangePage>(new { Token = token, When = ReminderSchedule.FormatWhen(change.DueAt, time.GetUtcNow()) })
                : Gone());
        // Reached from an email, with no page of ours before it: the signed link is the permission.
        group.MapPost("/change/{token}", async (string token, ReminderChanges changes, SupportDbContext db,
            EmailWakeup<Reminder> wakeup, TimeProvider time, CancellationToken ct) =>
        {
            if (changes.Read(token) is not { } change || !await changes.ApplyAsync(db, change, ct))
            {
                return Gone();
            }
            wakeup.Notify();
            return Pages.Message(StatusCodes.Status200OK, "Your reminder is moved",
                $"We will send it on {ReminderSchedule.FormatWhen(change.DueAt, time.GetUtcNow())}. Unsubscribe at any time.");
        }).DisableAntiforgery();
    }

    private static IResult Gone() => Pages.Message(StatusCodes.Status410Gone, "This link no longer works",
        "It has expired, was already used, or the reminder was sent or cancelled meanwhile. Nothing was changed.");
}
