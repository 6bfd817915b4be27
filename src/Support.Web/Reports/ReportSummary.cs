using System.ComponentModel;

namespace Support.Web.Reports;

/// <summary>
/// The headline figures of a report: the page, the charts and <c>/staff/api/summary</c> (its JSON shape, in
/// camelCase) all come from this. Money is in integer cents of <see cref="Currency"/>. Definitions: docs/reports.md.
/// Immutable, so <see cref="ReportSummaryCache"/> can hand the same instance to every reader.
/// </summary>
[ImmutableObject(true)]
public sealed record ReportSummary(
    string Currency,
    string From,
    string To,
    DateTime GeneratedAt,
    int ActiveSupporters,
    long MrrCents,
    AmountStatistics Amounts,
    IReadOnlyList<MonthFigures> Months,
    ReminderFigures Reminders,
    IReadOnlyList<ArticleFunnel> Funnel,
    CancellationFigures Cancellations,
    IReadOnlyList<UnknownStatus> UnknownStatuses,
    KeepingFigures? Keeping = null,
    long OneTimeRevenueCents = 0);

/// <summary>Contributions whose Stripe status Support does not know (any currency): the word and how many have it.</summary>
public sealed record UnknownStatus(string StripeStatus, int Contributions);

/// <summary>
/// One UTC month ("2026-01"). <c>MrrCents</c> is the monthly amounts in force at the month's end (for the
/// current month: now), annual gifts as a twelfth; one-time gifts are <c>OneTimeGifts</c> and
/// <c>OneTimeRevenueCents</c> (net of refunds), also part of <c>RevenueCents</c>; definitions in docs/reports.md.
/// </summary>
public sealed record MonthFigures(
    string Month,
    int NewSupporters,
    int CancelledSupporters,
    int NetChange,
    long RevenueCents,
    long MrrCents,
    int FailedPayments,
    int RecoveredPayments,
    int OneTimeGifts = 0,
    long OneTimeRevenueCents = 0);

/// <summary>Monthly amounts of the live contributions now.</summary>
public sealed record AmountStatistics(int Count, long AverageCents, long MedianCents, IReadOnlyList<AmountBucket> Distribution);

/// <summary>Live contributions with MinCents ≤ amount &lt; MaxCents (MaxCents null: no upper bound).</summary>
public sealed record AmountBucket(string Label, long MinCents, long? MaxCents, int Count);

/// <summary>Reminders signed up for in the range, and what became of them (docs/reports.md).</summary>
public sealed record ReminderFigures(int Scheduled, int Sent, int Unsubscribed, int Converted);

/// <summary>
/// ConversionRate is new supporters per prompt view (0–1), null without views. Title is the article's, or the embedded
/// page's as first seen (ADR 0017); null for a key Support has no article for.
/// </summary>
public sealed record ArticleFunnel(string ArticleSlug, long PromptViews, long CheckoutStarts, int NewSupporters, double? ConversionRate,
    string? Title = null);

/// <summary>
/// Live contributions set to end at their period end (readers who cancelled from their account), cancellations
/// requested in the range and not taken back, and the reasons readers gave (most frequent first).
/// </summary>
public sealed record CancellationFigures(int EndingAtPeriodEnd, int RequestedInRange, IReadOnlyList<ReasonCount> Reasons);

public sealed record ReasonCount(string Reason, int Count);
