using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;
using Support.Web.Prompt;

namespace Support.Web.Reports;

/// <summary>One <see cref="ReportMonth"/> row: a currency, a month and a gift frequency (<see cref="MonthTotals.Key"/>).</summary>
public readonly record struct MonthKey(string Currency, DateTime Month, string Frequency);

/// <summary>
/// The month totals (<see cref="ReportMonth"/>) as a pure function of single ledger rows, so a change adds what the
/// row's new values contribute and takes back what its old values did (ADR 0015). Same definitions as docs/reports.md.
/// </summary>
public static class MonthTotals
{
    /// <summary>
    /// A delta is an unsaved <see cref="ReportMonth"/> of the same key: what a save adds to the stored row (and what a
    /// webhook batch sums, ADR 0019). The one list of counted fields, for both.
    /// </summary>
    public static void Add(ReportMonth into, ReportMonth d)
    {
        into.IssuedCents += d.IssuedCents;
        into.EndedIssuedCents += d.EndedIssuedCents;
        into.RevenueCents += d.RevenueCents;
        into.PaidPayments += d.PaidPayments;
        into.FailedPayments += d.FailedPayments;
        into.RecoveredPayments += d.RecoveredPayments;
        into.NewSupporters += d.NewSupporters;
        into.CancelledSupporters += d.CancelledSupporters;
        into.AnnualMrrChangeCents += d.AnnualMrrChangeCents;
    }

    public static bool IsZero(ReportMonth d) => d is { IssuedCents: 0, EndedIssuedCents: 0, RevenueCents: 0, PaidPayments: 0, FailedPayments: 0,
        RecoveredPayments: 0, NewSupporters: 0, CancelledSupporters: 0, AnnualMrrChangeCents: 0 };

    /// <summary>The row of monthly gifts: <c>month</c>.</summary>
    public static readonly string Monthly = Key(GiftFrequency.Month);

    /// <summary>The <see cref="ReportMonth.Frequency"/> of a gift frequency: <c>month</c>, <c>year</c>, <c>once</c>.</summary>
    public static string Key(GiftFrequency frequency) => GiftFrequencies.FormValue(frequency);

    public static DateTime MonthOf(DateTime at) => new(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void AddPayment(Dictionary<MonthKey, ReportMonth> totals, string currency, PaymentGift gift, PaymentStatus status,
        long amount, long refunded, long disputeLoss, DateTime createdAt, DateTime? paidAt, DateTime? firstFailedAt, int sign)
    {
        var frequency = gift.Frequency;
        var issued = At(totals, currency, frequency, createdAt);
        issued.IssuedCents += sign * amount;
        if (gift.CancelledAt is { } ended && MonthOf(ended) == MonthOf(createdAt))
        {
            issued.EndedIssuedCents += sign * amount;
        }
        if (status == PaymentStatus.Paid && paidAt is { } paid)
        {
            var month = At(totals, currency, frequency, paid);
            month.RevenueCents += sign * (amount - refunded - disputeLoss);
            month.PaidPayments += sign;
        }
        if (firstFailedAt is { } failed)
        {
            var month = At(totals, currency, frequency, failed);
            month.FailedPayments += sign;
            month.RecoveredPayments += status == PaymentStatus.Paid ? sign : 0;
        }
    }

    public static void AddContribution(Dictionary<MonthKey, ReportMonth> totals, string currency, GiftFrequency frequency,
        ContributionStatus status, DateTime startedAt, DateTime? cancelledAt, int sign)
    {
        if (!ContributionRules.IsReal(status))
        {
            return;
        }
        At(totals, currency, frequency, startedAt).NewSupporters += sign;
        if (cancelledAt is { } cancelled)
        {
            At(totals, currency, frequency, cancelled).CancelledSupporters += sign;
        }
    }

    /// <summary>
    /// The deltas of every tracked payment and contribution change, from original to current values; a payment counts
    /// under its contribution's frequency and end, before and after (<paramref name="gifts"/>).
    /// </summary>
    public static Dictionary<MonthKey, ReportMonth> Deltas(ChangeTracker tracker, PaymentGifts gifts, AnnualGifts annual)
    {
        var totals = new Dictionary<MonthKey, ReportMonth>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                Add(totals, entry, entry.OriginalValues, gifts, original: true);
            }
            if (entry.State is EntityState.Modified or EntityState.Added)
            {
                Add(totals, entry, entry.CurrentValues, gifts, original: false);
            }
        }
        gifts.AddMoves(totals);
        annual.AddTo(totals);
        foreach (var key in totals.Where(t => IsZero(t.Value)).Select(t => t.Key).ToList())
        {
            totals.Remove(key);
        }
        return totals;
    }

    /// <summary>A payment row's figures (stored or tracked values) under its contribution's terms, added or taken back.</summary>
    public static void AddPayment(Dictionary<MonthKey, ReportMonth> totals, Payment p, PaymentGift gift, int sign) =>
        AddPayment(totals, p.Currency, gift, p.Status, p.AmountCents, p.RefundedCents, p.DisputeLossCents, p.CreatedAt, p.PaidAt, p.FirstFailedAt, sign);

    private static void Add(Dictionary<MonthKey, ReportMonth> totals, EntityEntry entry, PropertyValues v, PaymentGifts gifts, bool original)
    {
        var sign = original ? -1 : 1;
        switch (entry.Entity)
        {
            case Payment:
                AddPayment(totals, v.GetValue<string>(nameof(Payment.Currency)), gifts.Of(entry, original),
                    v.GetValue<PaymentStatus>(nameof(Payment.Status)),
                    v.GetValue<long>(nameof(Payment.AmountCents)), v.GetValue<long>(nameof(Payment.RefundedCents)),
                    v.GetValue<long>(nameof(Payment.DisputeLossCents)), v.GetValue<DateTime>(nameof(Payment.CreatedAt)),
                    v.GetValue<DateTime?>(nameof(Payment.PaidAt)), v.GetValue<DateTime?>(nameof(Payment.FirstFailedAt)), sign);
                break;
            case Contribution:
                AddContribution(totals, v.GetValue<string>(nameof(Contribution.Currency)), v.GetValue<GiftFrequency>(nameof(Contribution.Frequency)),
                    v.GetValue<ContributionStatus>(nameof(Contribution.Status)),
                    v.GetValue<DateTime>(nameof(Contribution.StartedAt)), v.GetValue<DateTime?>(nameof(Contribution.CancelledAt)), sign);
                break;
        }
    }

    internal static ReportMonth At(Dictionary<MonthKey, ReportMonth> totals, string currency, GiftFrequency frequency, DateTime at)
    {
        var key = new MonthKey(currency, MonthOf(at), Key(frequency));
        if (!totals.TryGetValue(key, out var delta))
        {
            totals[key] = delta = new ReportMonth { Currency = key.Currency, Month = key.Month, Frequency = key.Frequency };
        }
        return delta;
    }

    /// <summary>
    /// One month's delta: inside a transaction one atomic upsert, so writers at once (the webhook lanes, other instances)
    /// never lose an increment, not even of a row that one of them inserts meanwhile; outside one, the tracked row.
    /// </summary>
    public static async Task ApplyAsync(SupportDbContext db, MonthKey key, ReportMonth d, bool inTransaction, CancellationToken ct)
    {
        var tracked = db.ReportMonths.Local.FirstOrDefault(m => m.Currency == key.Currency && m.Month == key.Month && m.Frequency == key.Frequency);
        if (inTransaction)
        {
            if (tracked is not null)
            {
                // Its values may be stale: the upsert below is the truth.
                db.Entry(tracked).State = EntityState.Detached;
            }
            // Not "update, else read and insert": a row another writer inserts between the two would then be written back
            // with the values read, losing any increment committed in between (ADR 0019).
            await KeptCounts.UpsertAsync(db, new ReportMonth { Currency = key.Currency, Month = key.Month, Frequency = key.Frequency },
            [
                (nameof(ReportMonth.IssuedCents), d.IssuedCents), (nameof(ReportMonth.EndedIssuedCents), d.EndedIssuedCents),
                (nameof(ReportMonth.RevenueCents), d.RevenueCents), (nameof(ReportMonth.PaidPayments), d.PaidPayments),
                (nameof(ReportMonth.FailedPayments), d.FailedPayments), (nameof(ReportMonth.RecoveredPayments), d.RecoveredPayments),
                (nameof(ReportMonth.NewSupporters), d.NewSupporters), (nameof(ReportMonth.CancelledSupporters), d.CancelledSupporters),
                (nameof(ReportMonth.AnnualMrrChangeCents), d.AnnualMrrChangeCents),
            ], ct);
            return;
        }
        var row = tracked ?? await db.ReportMonths.FindAsync([key.Currency, key.Month, key.Frequency], ct);
        if (row is null)
        {
            row = new ReportMonth { Currency = key.Currency, Month = key.Month, Frequency = key.Frequency };
            db.ReportMonths.Add(row);
        }
        Add(row, d);
    }
}
