using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>One recurring gift as the movements read it (docs/reports.md, "MRR movements").</summary>
public sealed record MovementGift(long ContributionId, long SupporterId, string? Email, GiftFrequency Frequency, long AmountCents,
    ContributionStatus Status, bool Paused, DateTime StartedAt, DateTime? CancelledAt, ContributionEndReason? EndReason);

/// <summary>One invoice of a recurring gift: when it was issued and for how much.</summary>
public sealed record MovementInvoice(long ContributionId, DateTime CreatedAt, long AmountCents);

/// <summary>
/// Each recurring gift's MRR at the end of each month, by the same rule as the summary's "MRR at month end", so the
/// movements of a month add up to the difference of two month-end figures to the cent (ADR 0018):
/// a monthly gift counts the invoices issued in the month unless it ended that month; an annual gift in force at the
/// month's end (real, started before the end, not ended by then) counts a twelfth of its latest invoice issued by
/// then (its amount when it has none); the current month is MRR now (live, not paused, current amount); later months 0.
/// </summary>
public static class MrrLedger
{
    public static long MonthEndCents(MovementGift gift, IReadOnlyList<MovementInvoice> invoices, DateTime month, DateTime currentMonth)
    {
        var end = month.AddMonths(1);
        if (month > currentMonth)
        {
            return 0;
        }
        if (month == currentMonth)
        {
            return ContributionRules.IsLive(gift.Status) && !gift.Paused ? ReportMrr.MonthlyCents(gift.Frequency, gift.AmountCents) : 0;
        }
        if (gift.Frequency == GiftFrequency.Month)
        {
            return gift.CancelledAt >= month && gift.CancelledAt < end
                ? 0
                : invoices.Where(i => i.CreatedAt >= month && i.CreatedAt < end).Sum(i => i.AmountCents);
        }
        var inForce = ContributionRules.IsReal(gift.Status) && gift.StartedAt < end && (gift.CancelledAt is null || gift.CancelledAt >= end);
        if (!inForce)
        {
            return 0;
        }
        var latest = invoices.Where(i => i.CreatedAt < end).OrderByDescending(i => i.CreatedAt).FirstOrDefault();
        return ReportMrr.MonthlyCents(GiftFrequency.Year, latest?.AmountCents ?? gift.AmountCents);
    }
}
