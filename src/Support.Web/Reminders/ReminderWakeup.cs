namespace Support.Web.Reminders;

/// <summary>
/// Tells this process's idle dispatchers that the reminder table changed (a signup), so they look again at once
/// and then sleep until the earliest due time instead of a whole poll interval.
/// </summary>
public sealed class ReminderWakeup
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Take this before reading the table: a notification that comes during the read still wakes the waiter.</summary>
    public Task Signal => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
