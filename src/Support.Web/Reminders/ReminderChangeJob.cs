using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Email;
using Support.Web.Email;
using Support.Web.Prompt;
using Support.Web.Supporters.Emails;

namespace Support.Web.Reminders;

/// <summary>Emails the owner of a pending reminder the link that moves it (in a job, so the signup page answers alike either way).</summary>
public sealed class ReminderChangeJob(
    SupportDbContext db,
    IEmailSender sender,
    SupporterEmailBuilder messages,
    IOptions<SiteOptions> site,
    IOptions<PromptOptions> prompt,
    TimeProvider time)
{
    public async Task SendAsync(long reminderId, DateTimeOffset dueAt, string token, CancellationToken ct)
    {
        var email = await db.Reminders.AsNoTracking().Where(r => r.Id == reminderId && r.Status == EmailStatus.Pending)
            .Select(r => r.Email).SingleOrDefaultAsync(ct);
        if (email is null)
        {
            return; // sent or cancelled meanwhile: nothing left to move
        }
        var publisher = prompt.Value.Publisher;
        await sender.SendAsync(messages.Compose(email, $"Confirm the new date of your reminder from {publisher}",
        [
            "Hello,",
            $"Someone, probably you, asked us to move your reminder to {ReminderSchedule.FormatWhen(dueAt, time.GetUtcNow())}.",
            "If it was you, press the button. If not, ignore this email: your reminder stays as it is.",
        ], "Move my reminder", site.Value.Link($"/reminders/change/{token}")), ct);
    }
}
