using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// What one gift adds to monthly recurring revenue: a monthly gift its amount, an annual gift a twelfth of it
/// (rounded half up to the cent, per gift, so the CSV rows add up to the figure), a one-time gift nothing
/// (docs/reports.md). Queries group gifts by frequency and amount and apply it to the groups (LiveGifts).
/// </summary>
public static class ReportMrr
{
    public static long MonthlyCents(GiftFrequency frequency, long amountCents) => frequency switch
    {
        GiftFrequency.Month => amountCents,
        GiftFrequency.Year => (amountCents + 6) / 12,
        _ => 0,
    };
}
