namespace Support.Web.Reminders;

/// <summary>
/// Kept for jobs the previous design scheduled (one Hangfire job per reminder) that may still sit in a deployed
/// job store: such a job now runs one dispatch round, which sends its reminder with every other due one, once.
/// </summary>
public sealed class ReminderJob(ReminderDispatcher dispatcher)
{
    public async Task SendAsync(long reminderId, CancellationToken ct) => await dispatcher.DispatchDueAsync(ct);
}
