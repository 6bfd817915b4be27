using System.Diagnostics;
using Support.Benchmarks.Hosting;
using Support.Benchmarks.Scenarios.Reminders;

namespace Support.Benchmarks.Scenarios;

/// <summary>
/// 4. Reminders all due at the same moment (seeded into a stopped service's table, which its dispatchers read at
/// start), emails/s from the due time until the last one reaches a local SMTP sink, against a plain MailKit
/// loop to the same sink (half before the service runs, half after). Product settings are kept except the SMTP
/// server's address.
/// </summary>
public static class ReminderScenario
{
    public static async Task<ScenarioResult> RunAsync(RepositoryPaths paths, BenchSettings settings, TextWriter log)
    {
        using var sink = new SmtpSink();
        string[] smtp = ["Smtp:Host=127.0.0.1", $"Smtp:Port={sink.Port}", "Smtp:UseStartTls=false"];
        var loopBudget = TimeSpan.FromSeconds(settings.Smoke ? 2 : 10);
        var first = await MailKitLoop.RunAsync(sink, settings.Reminders / 2, loopBudget);

        var root = ServiceHost.NewRoot();
        await (await ServiceHost.StartAsync(paths, log, smtp, root, keepData: true)).DisposeAsync();
        // Time for the service to start before the reminders are due.
        var lead = TimeSpan.FromSeconds(settings.Smoke ? 3 : 20);
        var due = DateTime.UtcNow + lead;
        var dueTimestamp = Stopwatch.GetTimestamp() + (long)(lead.TotalSeconds * Stopwatch.Frequency);
        await ReminderSeed.InsertAsync(Path.Combine(root, "data", "support.db"), settings.Reminders, due);
        log.WriteLine($"reminder-dispatch: {settings.Reminders} reminders due at {due:HH:mm:ss} UTC");

        var received = sink.Count;
        long sentInDatabase;
        await using (var service = await ServiceHost.StartAsync(paths, log, smtp, root))
        {
            var deadline = dueTimestamp + (long)(settings.ReminderBudget.TotalSeconds * Stopwatch.Frequency);
            while (sink.Count - received < settings.Reminders && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(200);
            }
            sentInDatabase = await ReminderSeed.CountSentAsync(service.DatabasePath);
        }
        var delivered = sink.Count - received;
        var appSeconds = Math.Max(0.001, (sink.LastArrival - dueTimestamp) / (double)Stopwatch.Frequency);

        var second = await MailKitLoop.RunAsync(sink, settings.Reminders - settings.Reminders / 2, loopBudget);
        var appRate = delivered / appSeconds;
        var baselineRate = (first.Sent + second.Sent) / (first.Seconds + second.Seconds);
        var ratio = appRate / baselineRate;
        var problems = delivered == 0 ? new List<string> { "no reminder reached the SMTP sink" } : [];
        return new ScenarioResult
        {
            Name = "reminder-dispatch",
            Value = appRate,
            Unit = "emails/s",
            Ratio = ratio,
            Baseline = "MailKit loop",
            BaselineValue = baselineRate,
            Note = delivered == settings.Reminders
                ? $"{delivered:#,0} reminders, last one {appSeconds:0} s after the due time"
                : $"{delivered:#,0} of {settings.Reminders:#,0} reminders arrived within the {settings.ReminderBudget.TotalSeconds:0} s budget",
            Target = "≥ 0.5×",
            TargetMet = ratio >= 0.5,
            Problems = problems,
            Details = new()
            {
                ["reminders"] = settings.Reminders,
                ["delivered"] = delivered,
                ["marked_sent"] = sentInDatabase,
                ["app_seconds_after_due"] = appSeconds,
                ["baseline_sent"] = first.Sent + second.Sent,
                ["baseline_seconds"] = first.Seconds + second.Seconds,
            },
        };
    }
}
