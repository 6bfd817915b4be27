using Support.Data.Supporters;
using Support.Web.Reports;

namespace Support.Tests.Reports;

/// <summary>
/// Each gift's MRR at month ends from its invoices read once (MrrLedger), for what <see cref="MovementHistory"/> does not
/// have: two invoices of one gift in one month. Months December 2024 to March 2025, all before the current month.
/// </summary>
public sealed class MovementLedgerTests
{
    private static readonly DateTime[] Months = [Utc(2024, 12, 1), Utc(2025, 1, 1), Utc(2025, 2, 1), Utc(2025, 3, 1)];
    private static readonly DateTime CurrentMonth = Utc(2025, 6, 1);

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static InvoiceMonths Invoices(params (DateTime At, long Cents)[] invoices)
    {
        var months = new InvoiceMonths(Months.Length);
        foreach (var (at, cents) in invoices)
        {
            months.Add(MrrLedger.MonthIndex(Months[0], at), at, cents);
        }
        return months;
    }

    [Fact]
    public void A_monthly_gift_counts_every_invoice_of_the_month_and_nothing_in_the_month_it_ends()
    {
        var gift = new MovementGift(1, 1, GiftFrequency.Month, 1500, ContributionStatus.Canceled, false, Utc(2024, 11, 3),
            Utc(2025, 3, 15), ContributionEndReason.CancellationRequested);
        // January: the regular invoice and the proration of a raise from $10 to $15 on the 18th.
        var invoices = Invoices((Utc(2024, 12, 3), 1000), (Utc(2025, 1, 3), 1000), (Utc(2025, 1, 18), 500),
            (Utc(2025, 2, 3), 1500), (Utc(2025, 3, 3), 1500));

        Assert.Equal([1000L, 1500, 1500, 0], MrrLedger.MonthEnds(gift, invoices, null, Months, CurrentMonth));
    }

    [Fact]
    public void An_annual_gift_counts_a_twelfth_of_its_latest_invoice_by_each_month_end_and_of_the_one_before_the_range_until_then()
    {
        var gift = new MovementGift(2, 2, GiftFrequency.Year, 24000, ContributionStatus.Active, false, Utc(2024, 6, 10), null, null);
        // $120 invoiced in June 2024 (before the months); in January $180 on the 10th, replaced by $150 on the 20th.
        var invoices = Invoices((Utc(2025, 1, 10), 18000), (Utc(2025, 1, 20), 15000), (Utc(2025, 3, 5), 21000));

        Assert.Equal([1000L, 1250, 1250, 1750], MrrLedger.MonthEnds(gift, invoices, 12000, Months, CurrentMonth));
        // Without any invoice, its amount: 24000 / 12.
        Assert.Equal([2000L, 2000, 2000, 2000], MrrLedger.MonthEnds(gift, null, null, Months, CurrentMonth));
    }
}
