using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Support.Data;
using Support.Data.Reminders;
using Support.Tests.Email;
using Support.Tests.Infrastructure;
using Support.Web.Email.Outbox;

namespace Support.Tests.Reminders;

/// <summary>
/// The app with reminders wired for tests: Hangfire's in-memory storage and a real server polling every 100 ms,
/// an in-process SMTP server, a choice "soon" due in one second, one-second retries and a 200 ms poll for every email.
/// </summary>
public class ReminderAppFactory : SupportAppFactory
{
    public TestSmtpServer Smtp { get; } = new();

    /// <summary>Set to run the app on a moved clock (our code reads TimeProvider; Hangfire does not).</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Set to watch, hold or refuse the app's commits.</summary>
    public CommitGate? Commits { get; init; }

    /// <summary>False: the app runs no reminder senders of its own, so a test's rounds are the only ones.</summary>
    public bool OwnSenders { get; init; } = true;

    /// <summary>Set to share another app's database, as a restarted process would.</summary>
    public string? SharedDataDirectory { get; init; }

    /// <summary>Settings of one test's app on top of these (later entries win).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> ExtraSettings { get; init; } = [];

    protected override string DatabaseDirectory => SharedDataDirectory ?? DataDirectory;

    protected virtual int SignupsPerWindow => 1000;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Hangfire:Storage", "InMemory"),
        new("Hangfire:SchedulePollingInterval", "00:00:00.100"),
        new("Smtp:Host", "127.0.0.1"),
        new("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Smtp:UseStartTls", "false"),
        new("Smtp:From", "Support Test <support@support.test>"),
        new("Reminders:Choices:0:Key", "soon"),
        new("Reminders:Choices:0:Label", "In a moment"),
        new("Reminders:Choices:0:Delay", "00:00:01"),
        new("Reminders:RetryDelays:0", "00:00:01"),
        new("Reminders:MaxAttempts", "3"),
        new("Reminders:DispatchPollInterval", "00:00:00.200"),
        new("SupporterEmails:RetryDelays:0", "00:00:01"),
        new("SupporterEmails:DispatchPollInterval", "00:00:00.200"),
        new("Reminders:SignupsPerWindow", SignupsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. SharedDataDirectory is null ? [] : new KeyValuePair<string, string?>[] { new("Database:DataDirectory", SharedDataDirectory) },
        .. ExtraSettings,
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
        if (Commits is { } gate)
        {
            builder.ConfigureTestServices(services => services.ConfigureDbContext<SupportDbContext>(o => o.AddInterceptors(gate)));
        }
        if (!OwnSenders)
        {
            builder.ConfigureTestServices(services => services.Remove(services.Single(d =>
                d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EmailQueueService<Reminder>))));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Smtp.Dispose();
        }
    }
}
