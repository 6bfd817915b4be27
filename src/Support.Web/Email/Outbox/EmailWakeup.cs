using Support.Data.Email;

namespace Support.Web.Email.Outbox;

/// <summary>
/// Tells this process's idle senders of one kind of email that its table changed (a row written and committed), so
/// they look again at once and then sleep until the earliest due time instead of a whole poll interval.
/// </summary>
public sealed class EmailWakeup<T> where T : QueuedEmail
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Take this before reading the table: a notification that comes during the read still wakes the waiter.</summary>
    public Task Signal => Volatile.Read(ref _next).Task;

    /// <summary>After the commit that wrote the rows (a sender woken earlier could miss them).</summary>
    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
