using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>One recurring gift as the movements read it (docs/reports.md, "MRR movements").</summary>
public sealed record MovementGift(long ContributionId, long SupporterId, GiftFrequency Frequency, long AmountCents,
    ContributionStatus Status, bool Paused, DateTime StartedAt, DateTime? CancelledAt, ContributionEndReason? EndReason);

/// <summary>
/// One gift's invoices issued in the report's months (month 0 = the month before the range), added as they are read:
/// per month their sum, and the latest one's amount (on a tie of issue times the smaller amount, the first in the
/// order of the invoices index, as the per-month scan of each gift's invoices found).
/// </summary>
public sealed class InvoiceMonths(int months)
{
    private readonly long[] _sums = new long[months];
    private readonly DateTime?[] _latestAt = new DateTime?[months];
    private readonly long[] _latestCents = new long[months];

    public void Add(int month, DateTime createdAt, long amountCents)
    {
        _sums[month] += amountCents;
        if (_latestAt[month] is not { } at || createdAt > at || (createdAt == at && amountCents < _latestCents[month]))
        {
            (_latestAt[month], _latestCents[month]) = (createdAt, amountCents);
        }
    }

    /// <summary>An invoice of a monthly gift, which needs only each month's sum.</summary>
    public void Add(int month, long amountCents) => _sums[month] += amountCents;

    public long SumCents(int month) => _sums[month];

    public long? LatestCents(int month) => _latestAt[month] is null ? null : _latestCents[month];
}

/// <summary>
/// Each recurring gift's MRR at the end of each month, by the same rule as the summary's "MRR at month end", so the
/// movements of a month add up to the difference of two month-end figures to the cent (ADR 0018):
/// a monthly gift counts the invoices issued in the month unless it ended that month; an annual gift in force at the
/// month's end (real, started before the end, not ended by then) counts a twelfth of its latest invoice issued by
/// then (its amount when it has none); the current month is MRR now (live, not paused, current amount); later months 0.
/// </summary>
public static class MrrLedger
{
    /// <summary>
    /// The gift's MRR at the end of each of <paramref name="months"/> (consecutive month starts) from its invoices issued
    /// in them (null: none) and <paramref name="earlierCents"/>, the amount of its latest invoice issued before them,
    /// which is all an annual gift needs of its older history.
    /// </summary>
    public static long[] MonthEnds(MovementGift gift, InvoiceMonths? invoices, long? earlierCents,
        IReadOnlyList<DateTime> months, DateTime currentMonth)
    {
        var ends = new long[months.Count];
        var annualCents = earlierCents;
        for (var i = 0; i < ends.Length; i++)
        {
            var (month, end) = (months[i], months[i].AddMonths(1));
            annualCents = invoices?.LatestCents(i) ?? annualCents;
            ends[i] = month > currentMonth ? 0
                : month == currentMonth ? (ContributionRules.IsLive(gift.Status) && !gift.Paused ? ReportMrr.MonthlyCents(gift.Frequency, gift.AmountCents) : 0)
                : gift.Frequency == GiftFrequency.Month ? (gift.CancelledAt >= month && gift.CancelledAt < end ? 0 : invoices?.SumCents(i) ?? 0)
                : InForce(gift, end) ? ReportMrr.MonthlyCents(GiftFrequency.Year, annualCents ?? gift.AmountCents)
                : 0;
        }
        return ends;
    }

    /// <summary>Which of the months starting at <paramref name="first"/> holds <paramref name="at"/> (negative before it).</summary>
    public static int MonthIndex(DateTime first, DateTime at) => (at.Year - first.Year) * 12 + at.Month - first.Month;

    private static bool InForce(MovementGift gift, DateTime end) =>
        ContributionRules.IsReal(gift.Status) && gift.StartedAt < end && (gift.CancelledAt is null || gift.CancelledAt >= end);
}
