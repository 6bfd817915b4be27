using Support.Data;
using Support.Data.Supporters;

namespace Support.Tests.Reports;

/// <summary>
/// A history for the movements, January to June 2025 (UTC), all three frequencies, computed by hand in
/// <see cref="MovementFigureTests"/> (invoices are paid when issued unless said otherwise):
/// A monthly $10 from Jan 5, raised to $15 from the April invoice (expansion); its February invoice refunded $4.
/// B monthly $20 from Jan 8, lowered to $12 from the March invoice (contraction), asked to stop: ended May 8 (voluntary).
/// C monthly $5 from Feb 3; its March invoice failed and Stripe gave up on Mar 28 (involuntary churn).
/// D annual $120 since Jun 10 2024 (before the range), renewed Jun 10 2025 at $180 (annual expansion, a twelfth).
/// E one-time $25 on Feb 10, $10 refunded: never in MRR.
/// F monthly $8 from Jan 20, ended Feb 20 before its February invoice (voluntary), back with $6 monthly from Apr 2 (reactivation).
/// G annual $60 from May 12 (new). H €10 monthly: another currency.
/// </summary>
public static class MovementHistory
{
    public const string From = "2025-01", To = "2025-06";

    public static async Task InsertAsync(SupportDbContext db)
    {
        var a = Gift(db, Supporter("a"), GiftFrequency.Month, 1500, ContributionStatus.Active, At(1, 5));
        Pay(a, "a-jan", 1000, At(1, 5));
        Pay(a, "a-feb", 1000, At(2, 5), refunded: 400);
        Pay(a, "a-mar", 1000, At(3, 5));
        Pay(a, "a-apr", 1500, At(4, 5));
        Pay(a, "a-may", 1500, At(5, 5));
        Pay(a, "a-jun", 1500, At(6, 5));

        var b = Gift(db, Supporter("b"), GiftFrequency.Month, 1200, ContributionStatus.Canceled, At(1, 8), At(5, 8), ContributionEndReason.CancellationRequested);
        Pay(b, "b-jan", 2000, At(1, 8));
        Pay(b, "b-feb", 2000, At(2, 8));
        Pay(b, "b-mar", 1200, At(3, 8));
        Pay(b, "b-apr", 1200, At(4, 8));

        var c = Gift(db, Supporter("c"), GiftFrequency.Month, 500, ContributionStatus.Canceled, At(2, 3), At(3, 28), ContributionEndReason.PaymentFailed);
        Pay(c, "c-feb", 500, At(2, 3));
        Pay(c, "c-mar", 500, At(3, 3), status: PaymentStatus.Failed);

        var d = Gift(db, Supporter("d"), GiftFrequency.Year, 18000, ContributionStatus.Active, new DateTime(2024, 6, 10, 12, 0, 0, DateTimeKind.Utc));
        Pay(d, "d-2024", 12000, new DateTime(2024, 6, 10, 12, 0, 0, DateTimeKind.Utc));
        Pay(d, "d-2025", 18000, At(6, 10));

        var e = Gift(db, Supporter("e"), GiftFrequency.Once, 2500, ContributionStatus.Completed, At(2, 10));
        Pay(e, "e-once", 2500, At(2, 10), refunded: 1000);

        var f = Supporter("f");
        var f1 = Gift(db, f, GiftFrequency.Month, 800, ContributionStatus.Canceled, At(1, 20), At(2, 20), ContributionEndReason.CancellationRequested);
        Pay(f1, "f-jan", 800, At(1, 20));
        var f2 = Gift(db, f, GiftFrequency.Month, 600, ContributionStatus.Active, At(4, 2), id: "f2");
        Pay(f2, "f2-apr", 600, At(4, 2));
        Pay(f2, "f2-may", 600, At(5, 2));
        Pay(f2, "f2-jun", 600, At(6, 2));

        var g = Gift(db, Supporter("g"), GiftFrequency.Year, 6000, ContributionStatus.Active, At(5, 12));
        Pay(g, "g-2025", 6000, At(5, 12));

        var h = Gift(db, Supporter("h"), GiftFrequency.Month, 1000, ContributionStatus.Active, At(3, 1), currency: "eur");
        Pay(h, "h-mar", 1000, At(3, 1));
        await db.SaveChangesAsync();
    }

    public static DateTime At(int month, int day) => new(2025, month, day, 12, 0, 0, DateTimeKind.Utc);

    private static Supporter Supporter(string id) =>
        new() { StripeCustomerId = "cus_mv_" + id, Email = $"{id}@movements.example", CreatedAt = At(1, 1) };

    private static Contribution Gift(SupportDbContext db, Supporter supporter, GiftFrequency frequency, long cents, ContributionStatus status,
        DateTime started, DateTime? ended = null, ContributionEndReason? reason = null, string? id = null, string currency = "usd")
    {
        var key = "mv_" + (id ?? supporter.StripeCustomerId[7..]);
        var contribution = new Contribution
        {
            Supporter = supporter, Frequency = frequency, AmountCents = cents, Currency = currency, Status = status, StartedAt = started,
            CancelledAt = ended, EndReason = reason, UpdatedAt = started,
            StripeSubscriptionId = frequency == GiftFrequency.Once ? null : "sub_" + key,
            StripePaymentIntentId = frequency == GiftFrequency.Once ? "pi_" + key : null,
        };
        db.Contributions.Add(contribution);
        return contribution;
    }

    private static void Pay(Contribution contribution, string id, long cents, DateTime created, long refunded = 0,
        PaymentStatus status = PaymentStatus.Paid) =>
        contribution.Payments.Add(new Payment
        {
            StripeInvoiceId = "in_mv_" + id, Currency = contribution.Currency, AmountCents = cents, Status = status, CreatedAt = created,
            PaidAt = status == PaymentStatus.Paid ? created : null, FirstFailedAt = status == PaymentStatus.Failed ? created : null,
            RefundedCents = refunded,
        });
}
