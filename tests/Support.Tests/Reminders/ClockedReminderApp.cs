using Microsoft.Extensions.Time.Testing;
using Support.Data.Reminders;
using Support.Tests.Email;

namespace Support.Tests.Reminders;

/// <summary>
/// The reminder app on a clock the tests move: a reminder or a retry comes due when a test says so, never before,
/// and no test waits for a second to pass.
/// </summary>
public sealed class ClockedReminderApp : ReminderAppFactory
{
    /// <summary>The delay of the test choice "soon", and of the first retry (<see cref="ReminderAppFactory"/>).</summary>
    public static readonly TimeSpan Soon = TimeSpan.FromSeconds(1);

    public ClockedReminderApp() => Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

    public FakeTimeProvider Time => Clock!;

    /// <summary>Moves the clock, then runs a sending round to its end: what is due by then is claimed, by it or by the app's own sender.</summary>
    public async Task ComeDueAsync(TimeSpan by)
    {
        Time.Advance(by);
        await SendRoundAsync();
    }

    /// <summary>What another sender (thread or process) does: a fresh scope and one round.</summary>
    public Task SendRoundAsync() => this.SendRoundAsync<Reminder>();
}
