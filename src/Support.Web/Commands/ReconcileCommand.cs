using System.Globalization;
using Support.Web.Reconciliation;

namespace Support.Web.Commands;

/// <summary><c>reconcile [--since 2026-11-01]</c>: one reconciliation run now, from the last reconciled point or the date given.</summary>
public static class ReconcileCommand
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"];

    /// <summary>A UTC date, or null with the message to print.</summary>
    public static (DateTime? Since, string? Error) ParseSince(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }
        return DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var since)
            ? (DateTime.SpecifyKind(since, DateTimeKind.Utc), null)
            : (null, $"--since must be a UTC date like 2026-11-01 or 2026-11-01T09:30 (got '{text}').");
    }

    public static async Task<int> RunAsync(IServiceProvider services, DateTime? since, TextWriter output, CancellationToken ct)
    {
        var run = await services.GetRequiredService<Reconciler>().RunAsync(since, "command", ct);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Reconciled from {run.From:yyyy-MM-dd HH:mm:ss} UTC: {run.EventsRead} event(s) read, {run.EventsApplied} applied, " +
            $"{run.EventsFailed} failed, {run.Differences} difference(s) not healed."));
        foreach (var finding in run.Findings.Where(f => f.Kind != Support.Data.Reconciliation.FindingKind.EventApplied))
        {
            await output.WriteLineAsync($"  {finding.Kind} {finding.StripeId}: {finding.Detail}");
        }
        if (run.Error is not null)
        {
            await output.WriteLineAsync($"Stopped early: {run.Error}");
            return 1;
        }
        return run.EventsFailed > 0 ? 1 : 0;
    }
}
