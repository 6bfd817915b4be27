using System.Linq.Expressions;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// What one gift adds to monthly recurring revenue: a monthly gift its amount, an annual gift a twelfth of it
/// (rounded half up to the cent, per gift, so the CSV rows add up to the figure), a one-time gift nothing
/// (docs/reports.md). The same rule in memory and as an expression the database evaluates.
/// </summary>
public static class ReportMrr
{
    public static long MonthlyCents(GiftFrequency frequency, long amountCents) => frequency switch
    {
        GiftFrequency.Month => amountCents,
        GiftFrequency.Year => (amountCents + 6) / 12,
        _ => 0,
    };

    /// <summary><see cref="MonthlyCents"/> for a query over contributions.</summary>
    public static readonly Expression<Func<Contribution, long>> ContributionMonthlyCents = c =>
        c.Frequency == GiftFrequency.Month ? c.AmountCents : c.Frequency == GiftFrequency.Year ? (c.AmountCents + 6) / 12 : 0;

    /// <summary>An annual amount's twelfth (<see cref="MonthlyCents"/> of a year) for a query over amounts.</summary>
    public static readonly Expression<Func<long, long>> YearlyMonthlyCents = yearly => (yearly + 6) / 12;
}
