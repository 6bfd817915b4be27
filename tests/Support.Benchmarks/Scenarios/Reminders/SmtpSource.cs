using System.Diagnostics;
using System.Globalization;
using Support.Benchmarks.Hosting;

namespace Support.Benchmarks.Scenarios.Reminders;

/// <summary>
/// The baseline: Postfix's <c>smtp-source</c> sending a number of messages of the reminders' size over
/// the product's number of SMTP sessions, each kept open for message after message (<c>-d</c>), as the dispatchers
/// keep theirs. It does not pipeline (its man page says so), so it waits for each reply like MailKit without PIPELINING.
/// </summary>
public static class SmtpSource
{
    /// <summary>smtp-source's own headers (From, To, Date, Message-Id) come on top of its <c>-l</c> payload.</summary>
    private const int HeaderBytes = 120;

    public static async Task<(long Sent, double Seconds)> RunAsync(ExternalTool smtpSource, PostfixSink sink, int connections, int count, int messageBytes)
    {
        var start = new ProcessStartInfo(smtpSource.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "-s", connections.ToString(CultureInfo.InvariantCulture), "-d", "-m", count.ToString(CultureInfo.InvariantCulture),
            "-l", Math.Max(1, messageBytes - HeaderBytes).ToString(CultureInfo.InvariantCulture),
            "-f", "support@example.org", "-t", "baseline@example.org", $"127.0.0.1:{sink.Port.ToString(CultureInfo.InvariantCulture)}",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var before = sink.Messages;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start smtp-source.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"smtp-source exited with {process.ExitCode}: {await output} {await error}");
        }
        // The sink prints its count as each message ends; give the last one a moment to be read.
        await sink.WaitForAsync(before + count, Stopwatch.GetTimestamp() + Stopwatch.Frequency);
        return (sink.Messages - before, seconds);
    }
}
