using System.ComponentModel.DataAnnotations;
using MimeKit;
using Support.Data.Email;

namespace Support.Web.Email.Outbox;

/// <summary>
/// What differs between the kinds of outgoing email (reminders, supporter emails and sign-in links): their settings,
/// which claimed rows must not be sent after all, and the message. Everything else (claims, leases, retries, crash
/// recovery, one SMTP connection per sender) is the one protocol in this folder (ADR 0008).
/// </summary>
public abstract class EmailQueue<T> where T : QueuedEmail
{
    public abstract EmailQueueOptions Options { get; }

    /// <summary>The queue's name in metrics (<c>queue</c> label): <c>reminder</c>, <c>supporter</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The kind of one email in metrics (<c>kind</c> label); the queue's name unless it has several kinds.</summary>
    public virtual string KindOf(T row) => Name;

    /// <summary>Claimed rows that are not to be sent (id → why), e.g. the reader became a supporter: one query per batch.</summary>
    public abstract Task<IReadOnlyDictionary<long, string>> SkipAsync(IReadOnlyList<T> claimed, CancellationToken ct);

    /// <summary>The message for one claimed row, built when it is sent.</summary>
    public abstract Task<MimeMessage> BuildAsync(T row, CancellationToken ct);
}

/// <summary>How hard and how fast a kind of email is sent; each kind binds its own section with these names.</summary>
public abstract class EmailQueueOptions
{
    /// <summary>Send attempts before an email that keeps meeting temporary SMTP failures is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before attempt 2, 3, …; the last entry repeats (no code default: the binder would append).</summary>
    [MinLength(1)]
    public TimeSpan[] RetryDelays { get; set; } = [];

    /// <summary>Due emails one sender claims at a time (one conditional update) and sends over one connection.</summary>
    [Range(1, 1000)]
    public int DispatchBatchSize { get; set; } = 20;

    /// <summary>Senders per process, each with its own SMTP connection; the relay's per-connection speed bounds each.</summary>
    [Range(1, 16)]
    public int DispatchConnections { get; set; } = 2;

    /// <summary>
    /// How often an idle sender looks for due emails it was not woken for: rows written by another process, claims
    /// left by a dead one. Rows written in this process wake it at once (or at their due time).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DispatchPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A claim not renewed for this long belongs to a process that died; its emails are put back (the one that may
    /// have been in flight only once). A live sender renews it every third of the lease, whatever SMTP is doing.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryDelay(int attemptsSoFar) => RetryDelays[Math.Clamp(attemptsSoFar - 1, 0, RetryDelays.Length - 1)];
}
