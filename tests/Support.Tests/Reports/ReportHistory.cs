using Support.Data.Articles;
using Support.Data.Email;
using Support.Data;
using Support.Data.Reminders;
using Support.Data.Prompt;
using Support.Data.Supporters;

namespace Support.Tests.Reports;

/// <summary>
/// A small history, January to April 2025 (UTC), whose figures are computed by hand in the tests:
/// A $5 from Jan 10, changed to $10 on Mar 20 (the April invoice is the first at $10);
/// B $3 from Jan 31 23:30, its February invoice failed on Feb 28 and was paid on Mar 2, its March invoice paid at
///   00:00:05 on Apr 1 (a month boundary);
/// C $25 from Feb 5, February payment refunded $10, cancelled Mar 15;
/// D $2 from Mar 3, April payment failed and not recovered (past due, still live);
/// E €10 (another currency) and F $50 (checkout never completed) must not count in dollars.
/// Reminders: B's sent Jan 20 (B gave 11 days later: converted), C's sent Jan 3 (C gave 33 days later: not
/// converted), one unsubscribed, one pending, and one signed up before the range.
/// </summary>
public static class ReportHistory
{
    public const string From = "2025-01", To = "2025-04";

    public static async Task InsertAsync(SupportDbContext db)
    {
        var a = Contribution(db, "a", "=a@example.com", 1000, "usd", ContributionStatus.Active, At(1, 10), null, "a1");
        Pay(a, "a-jan", 500, At(1, 10));
        Pay(a, "a-feb", 500, At(2, 10));
        Pay(a, "a-mar", 500, At(3, 10));
        Pay(a, "a-apr", 1000, At(4, 10));

        var b = Contribution(db, "b", "+b@example.com", 300, "usd", ContributionStatus.Active, At(1, 31, 23, 30), null, "a1");
        Pay(b, "b-jan", 300, At(1, 31, 23, 30));
        Pay(b, "b-feb", 300, At(2, 28, 23, 30), paidAt: At(3, 2), failedAt: At(2, 28, 23, 30));
        Pay(b, "b-mar", 300, At(3, 31, 23, 30), paidAt: new DateTime(2025, 4, 1, 0, 0, 5, DateTimeKind.Utc));
        Pay(b, "b-apr", 300, At(4, 30, 23, 30));

        var c = Contribution(db, "c", "-c@example.com", 2500, "usd", ContributionStatus.Canceled, At(2, 5), At(3, 15), "a2");
        Pay(c, "c-feb", 2500, At(2, 5), refunded: 1000);
        Pay(c, "c-mar", 2500, At(3, 5));

        var d = Contribution(db, "d", "@d@example.com", 200, "usd", ContributionStatus.PastDue, At(3, 3), null, null);
        Pay(d, "d-mar", 200, At(3, 3));
        Pay(d, "d-apr", 200, At(4, 3), paidAt: null, failedAt: At(4, 3), status: PaymentStatus.Failed);

        var e = Contribution(db, "e", "e@example.com", 1000, "eur", ContributionStatus.Active, At(2, 1), null, "a2");
        Pay(e, "e-feb", 1000, At(2, 1));
        Contribution(db, "f", "f@example.com", 5000, "usd", ContributionStatus.Incomplete, At(2, 10), null, "a1");

        // a2 is a page of the publisher's own site that showed the embedded prompt (registered on first sight).
        db.Articles.Add(new Article { Slug = "a2", Title = "Storm closes the harbour", ContentHash = "", Origin = "https://news.example", PublishedAt = At(1, 1) });
        db.PromptDailyStats.AddRange(
            new PromptDailyStat { ArticleSlug = "a1", Day = At(1, 10), Views = 100, CheckoutStarts = 5 },
            new PromptDailyStat { ArticleSlug = "a1", Day = At(2, 1), Views = 50, CheckoutStarts = 2 },
            new PromptDailyStat { ArticleSlug = "a2", Day = At(3, 1), Views = 40, CheckoutStarts = 1 },
            new PromptDailyStat { ArticleSlug = "a1", Day = new DateTime(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc), Views = 999, CheckoutStarts = 99 });
        db.Reminders.AddRange(
            Reminder("+b@example.com", At(1, 5), EmailStatus.Sent, sentAt: At(1, 20)),
            Reminder("-c@example.com", At(1, 1), EmailStatus.Sent, sentAt: At(1, 3)),
            Reminder("x@example.com", At(2, 1), EmailStatus.Cancelled),
            Reminder("y@example.com", At(3, 1), EmailStatus.Pending),
            Reminder("@d@example.com", new DateTime(2024, 12, 20, 0, 0, 0, DateTimeKind.Utc), EmailStatus.Sent, sentAt: At(1, 2)));
        await db.SaveChangesAsync();
    }

    private static Reminder Reminder(string email, DateTime created, EmailStatus status, DateTime? sentAt = null) => new()
    {
        Email = email, CreatedAt = created, UpdatedAt = sentAt ?? created, DueAt = sentAt ?? created.AddDays(7), Status = status,
        SentAt = sentAt, UnsubscribeToken = Guid.NewGuid().ToString("N"),
    };

    public static DateTime At(int month, int day, int hour = 12, int minute = 0) => new(2025, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static Contribution Contribution(SupportDbContext db, string id, string email, long cents, string currency,
        ContributionStatus status, DateTime started, DateTime? cancelled, string? article)
    {
        var supporter = new Supporter { StripeCustomerId = "cus_" + id, Email = email, CreatedAt = started };
        var contribution = new Contribution
        {
            StripeSubscriptionId = "sub_" + id, Supporter = supporter, AmountCents = cents, Currency = currency, Status = status,
            StartedAt = started, CancelledAt = cancelled, ArticleSlug = article, UpdatedAt = started,
        };
        db.Contributions.Add(contribution);
        return contribution;
    }

    /// <summary>An invoice; paid at its creation unless told otherwise.</summary>
    private static void Pay(Contribution contribution, string id, long cents, DateTime created, DateTime? paidAt = default,
        DateTime? failedAt = null, long refunded = 0, PaymentStatus status = PaymentStatus.Paid) =>
        contribution.Payments.Add(new Payment
        {
            StripeInvoiceId = "in_" + id, Currency = contribution.Currency, AmountCents = cents, Status = status, CreatedAt = created,
            PaidAt = status == PaymentStatus.Paid ? paidAt ?? created : null, FirstFailedAt = failedAt, RefundedCents = refunded,
        });
}
