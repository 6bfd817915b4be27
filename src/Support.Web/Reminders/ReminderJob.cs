namespace Support.Web.Reminders;

/// <summary>
/// The Hangfire job that a signup schedules for its due time (<see cref="ReminderJobScheduler"/>): one dispatch
/// round, which claims and sends every due reminder, this one included. The in-process dispatchers
/// (<see cref="ReminderDispatchService"/>) run the same rounds, so a job that runs after they sent its reminder, or
/// twice, finds nothing to claim; a job lost with its storage is covered by them. Jobs scheduled by the first
/// design (one per reminder) run the same round.
/// </summary>
public sealed class ReminderJob(ReminderDispatcher dispatcher)
{
    public async Task SendAsync(long reminderId, CancellationToken ct) => await dispatcher.DispatchDueAsync(ct);
}
