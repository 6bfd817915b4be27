using System.Diagnostics;
using Support.Benchmarks.Hosting;
using Support.Benchmarks.Scenarios.Reminders;

namespace Support.Benchmarks.Scenarios;

/// <summary>
/// 4. Reminders all due at the same moment (seeded into a stopped service's table, which its dispatchers read at
/// start), emails/s from the due time until the last one reaches Postfix's smtp-sink, against Postfix's smtp-source
/// sending as many messages of the same size over the same number of connections into the same sink (half before
/// the service runs, half after). Each recipient's messages are counted from the sink's dump: every reminder once.
/// Product settings are kept except the SMTP server's address.
/// </summary>
public static class ReminderScenario
{
    private const string Name = "reminder-dispatch";

    public static async Task<ScenarioResult> RunAsync(RepositoryPaths paths, BenchSettings settings, IReadOnlyList<string> serviceSettings, TextWriter log)
    {
        var smtpSink = ExternalTool.Find("smtp-sink", ["-d", "mail_version"], versionProgram: "postconf");
        var smtpSource = ExternalTool.Find("smtp-source", ["-d", "mail_version"], versionProgram: "postconf");
        if (smtpSink is null || smtpSource is null)
        {
            return ScenarioResult.NotMeasured(Name, "skipped: smtp-sink and smtp-source not found; " + ExternalTool.InstallHint("postfix"));
        }
        await using var sink = await PostfixSink.StartAsync(smtpSink);
        string[] service = [.. serviceSettings, "Smtp:Host=127.0.0.1", $"Smtp:Port={sink.Port}", "Smtp:UseStartTls=false"];
        var connections = DispatchConnections(paths, serviceSettings);

        // The first start creates the database; one reminder due at once proves the path to the sink and gives the
        // size of a real reminder, which the baselines then send.
        var root = ServiceHost.NewRoot();
        await using (var first = await ServiceHost.StartAsync(paths, log, service, root, keepData: true))
        {
            await ReminderSeed.InsertAsync(first.DatabasePath, 1, DateTime.UtcNow, "probe");
            if (!await sink.WaitForAsync(1, Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency))
            {
                throw new InvalidOperationException("The probe reminder did not reach smtp-sink within 30 s.");
            }
        }
        var messageBytes = await sink.LastMessageBytesAsync();
        await sink.TakeRecipientsAsync();

        var half = settings.Reminders / 2;
        var source1 = await SmtpSource.RunAsync(smtpSource, sink, connections, half, messageBytes);
        var baselineBytes = await sink.LastMessageBytesAsync();
        var mailKit1 = await MailKitLoop.RunAsync(sink.Port, connections, half);

        // Time for the service to start before the reminders are due.
        var lead = TimeSpan.FromSeconds(settings.Smoke ? 3 : 20);
        var due = DateTime.UtcNow + lead;
        var dueTimestamp = Stopwatch.GetTimestamp() + (long)(lead.TotalSeconds * Stopwatch.Frequency);
        await ReminderSeed.InsertAsync(Path.Combine(root, "data", "support.db"), settings.Reminders, due, "reader");
        await sink.TakeRecipientsAsync();
        log.WriteLine($"{Name}: {settings.Reminders} reminders due at {due:HH:mm:ss} UTC; {connections} connections; {messageBytes} bytes each");

        var before = sink.Messages;
        long sentInDatabase;
        long lastArrival;
        await using (var running = await ServiceHost.StartAsync(paths, log, service, root))
        {
            var deadline = dueTimestamp + (long)(settings.ReminderBudget.TotalSeconds * Stopwatch.Frequency);
            await sink.WaitForAsync(before + settings.Reminders, deadline);
            lastArrival = sink.LastArrival;
            sentInDatabase = await ReminderSeed.CountSentAsync(running.DatabasePath);
        }
        var recipients = await sink.TakeRecipientsAsync();
        var appSeconds = Math.Max(0.001, (lastArrival - dueTimestamp) / (double)Stopwatch.Frequency);

        var source2 = await SmtpSource.RunAsync(smtpSource, sink, connections, settings.Reminders - half, messageBytes);
        var mailKit2 = await MailKitLoop.RunAsync(sink.Port, connections, settings.Reminders - half);
        return Result(settings, new Figures(recipients, appSeconds, sentInDatabase, source1, source2, mailKit1, mailKit2,
            connections, messageBytes, baselineBytes), smtpSink, smtpSource);
    }

    private sealed record Figures(
        Dictionary<string, int> Recipients, double AppSeconds, long SentInDatabase,
        (long Sent, double Seconds) Source1, (long Sent, double Seconds) Source2,
        (int Sent, double Seconds) MailKit1, (int Sent, double Seconds) MailKit2,
        int Connections, int MessageBytes, int BaselineBytes);

    private static ScenarioResult Result(BenchSettings settings, Figures f, ExternalTool smtpSink, ExternalTool smtpSource)
    {
        var readers = f.Recipients.Where(r => r.Key.StartsWith("reader", StringComparison.Ordinal)).ToList();
        var delivered = readers.Count;
        var duplicates = readers.Sum(r => r.Value - 1);
        var appRate = delivered / f.AppSeconds;
        var baselineRate = (f.Source1.Sent + f.Source2.Sent) / (f.Source1.Seconds + f.Source2.Seconds);
        var mailKitRate = (f.MailKit1.Sent + f.MailKit2.Sent) / (f.MailKit1.Seconds + f.MailKit2.Seconds);
        var ratio = appRate / baselineRate;
        var problems = new List<string>();
        if (delivered == 0)
        {
            problems.Add("no reminder reached the SMTP sink");
        }
        if (duplicates > 0)
        {
            // Nothing was killed here, so the one documented resend (a crash mid-message) cannot explain any.
            problems.Add($"{duplicates} reminders arrived more than once");
        }
        var arrived = delivered == settings.Reminders
            ? $"{delivered:#,0} of {settings.Reminders:#,0} reminders, each once, the last {f.AppSeconds:0.0} s after the due time"
            : $"{delivered:#,0} of {settings.Reminders:#,0} reminders arrived within the {settings.ReminderBudget.TotalSeconds:0} s budget ({duplicates} twice)";
        return new ScenarioResult
        {
            Name = Name,
            Value = appRate,
            Unit = "emails/s",
            Ratio = ratio,
            Baseline = "smtp-source",
            BaselineValue = baselineRate,
            Note = $"{arrived}; {f.Connections} connections, {f.MessageBytes:#,0}-byte messages into smtp-sink; "
                + $"MailKit loop {ScenarioResult.Number(mailKitRate)} emails/s ({appRate / mailKitRate:0.00}×)",
            Target = "≥ 0.5×, all within the budget, each once",
            TargetMet = ratio >= 0.5 && delivered == settings.Reminders && duplicates == 0,
            Problems = problems,
            Tools = new()
            {
                ["sink"] = smtpSink.ToString(),
                ["baseline"] = smtpSource.ToString(),
                ["context"] = $"MailKit {typeof(MailKit.Net.Smtp.SmtpClient).Assembly.GetName().Version}, {f.Connections} connections",
            },
            Details = new()
            {
                ["reminders"] = settings.Reminders,
                ["delivered"] = delivered,
                ["duplicates"] = duplicates,
                ["marked_sent"] = f.SentInDatabase,
                ["app_seconds_after_due"] = f.AppSeconds,
                ["connections"] = f.Connections,
                ["message_bytes"] = f.MessageBytes,
                ["baseline_message_bytes"] = f.BaselineBytes,
                ["baseline_sent"] = f.Source1.Sent + f.Source2.Sent,
                ["baseline_seconds"] = f.Source1.Seconds + f.Source2.Seconds,
                ["mailkit_sent"] = f.MailKit1.Sent + f.MailKit2.Sent,
                ["mailkit_seconds"] = f.MailKit1.Seconds + f.MailKit2.Seconds,
                ["mailkit_per_second"] = mailKitRate,
            },
        };
    }

    /// <summary>The product's <c>Reminders:DispatchConnections</c>: a <c>--service-setting</c>, else its appsettings.json.</summary>
    private static int DispatchConnections(RepositoryPaths paths, IReadOnlyList<string> serviceSettings)
    {
        const string key = "Reminders:DispatchConnections";
        var setting = serviceSettings.LastOrDefault(s => s.StartsWith(key + "=", StringComparison.OrdinalIgnoreCase));
        if (setting is not null)
        {
            return int.Parse(setting[(key.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(paths.WebOutput, "appsettings.json")));
        return json.RootElement.GetProperty("Reminders").GetProperty("DispatchConnections").GetInt32();
    }
}
