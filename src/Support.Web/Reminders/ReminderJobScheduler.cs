using System.Collections.Concurrent;
using Hangfire;

namespace Support.Web.Reminders;

/// <summary>
/// Schedules the Hangfire <see cref="ReminderJob"/> for a reminder's due time, at most one per due minute in this
/// process: "In March" makes thousands of reminders due at the same moment, and one dispatch round sends them all.
/// The minutes remembered are dropped once past, so the set stays small.
/// </summary>
public sealed class ReminderJobScheduler(IBackgroundJobClient jobs, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, bool> _scheduledMinutes = new();

    public void ScheduleFor(long reminderId, DateTimeOffset dueAt)
    {
        var minute = dueAt.ToUnixTimeSeconds() / 60;
        if (!_scheduledMinutes.TryAdd(minute, true))
        {
            return;
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        foreach (var past in _scheduledMinutes.Keys.Where(m => m < now))
        {
            _scheduledMinutes.TryRemove(past, out _);
        }
        // The end of the minute: every reminder due in it is due by then.
        jobs.Schedule<ReminderJob>(j => j.SendAsync(reminderId, CancellationToken.None), DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60));
    }
}
