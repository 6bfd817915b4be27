using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>One invoice of an annual gift, as its MRR at month ends sees it.</summary>
public readonly record struct AnnualInvoice(DateTime CreatedAt, long AmountCents);

/// <summary>An annual gift's values that its MRR at month ends depends on.</summary>
public sealed record AnnualGift(string Currency, DateTime StartedAt, DateTime? CancelledAt, long AmountCents, IReadOnlyList<AnnualInvoice> Invoices);

/// <summary>
/// Annual gifts in MRR at each month's end, kept as changes on the <c>year</c> month rows (ADR 0021): a gift in force at
/// a month's end (started before it, not ended by it) counts a twelfth of its latest invoice issued by then (its amount
/// if none yet). As changes: that twelfth from the month it starts, the difference in each month a later invoice is
/// issued, the last taken back in the month it ends; MRR at a month's end is the sum of the changes up to it. A save
/// that touches an annual gift or one of its invoices takes back the gift's old changes and adds its new ones.
/// </summary>
public sealed class AnnualGifts
{
    private readonly List<(AnnualGift? Before, AnnualGift? After)> _changed;

    private AnnualGifts(List<(AnnualGift?, AnnualGift?)> changed) => _changed = changed;

    /// <summary>A gift's changes per month, added (<paramref name="sign"/> 1) or taken back (-1).</summary>
    public static void Add(Dictionary<MonthKey, ReportMonth> totals, AnnualGift gift, int sign)
    {
        var start = MonthTotals.MonthOf(gift.StartedAt);
        var end = gift.CancelledAt is { } ended ? MonthTotals.MonthOf(ended) : (DateTime?)null;
        if (end <= start)
        {
            return;
        }
        long Twelfth(DateTime month) => ReportMrr.MonthlyCents(GiftFrequency.Year, gift.Invoices
            .Where(i => MonthTotals.MonthOf(i.CreatedAt) <= month).OrderBy(i => i.CreatedAt).Select(i => (long?)i.AmountCents).LastOrDefault()
            ?? gift.AmountCents);
        var months = gift.Invoices.Select(i => MonthTotals.MonthOf(i.CreatedAt)).Where(m => m > start && (end is null || m < end)).Distinct().Order();
        var before = 0L;
        foreach (var month in months.Prepend(start))
        {
            var now = Twelfth(month);
            MonthTotals.At(totals, gift.Currency, GiftFrequency.Year, month).AnnualMrrChangeCents += sign * (now - before);
            before = now;
        }
        if (end is { } last)
        {
            MonthTotals.At(totals, gift.Currency, GiftFrequency.Year, last).AnnualMrrChangeCents -= sign * before;
        }
    }

    /// <summary>Reads, once per save, the stored invoices of every annual gift the save touches (the gift or an invoice of it).</summary>
    public static async Task<AnnualGifts> LoadAsync(SupportDbContext db, CancellationToken ct)
    {
        var payments = db.ChangeTracker.Entries<Payment>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        // Each touched gift once: a tracked contribution (changed, or holding a changed invoice), or only the id of a stored one.
        var entries = db.ChangeTracker.Entries<Contribution>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Concat(payments.Select(p => p.Reference(nameof(Payment.Contribution)).TargetEntry).OfType<EntityEntry>().Select(e => db.Entry((Contribution)e.Entity)))
            .Where(e => IsAnnual(e.OriginalValues) || IsAnnual(e.CurrentValues)).DistinctBy(e => e.Entity).ToList();
        var untracked = payments.Where(p => p.Reference(nameof(Payment.Contribution)).TargetEntry is null).Select(p => p.Entity.ContributionId).Distinct().ToList();
        if (entries.Count == 0 && untracked.Count == 0)
        {
            return new([]);
        }
        var stored = untracked.Count == 0 ? []
            : await db.Contributions.AsNoTracking().Where(c => untracked.Contains(c.Id) && c.Frequency == GiftFrequency.Year).ToListAsync(ct);
        var ids = entries.Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id).Concat(stored.Select(c => c.Id)).ToList();
        var trackedIds = payments.Where(p => p.State != EntityState.Added).Select(p => p.Entity.Id).ToHashSet();
        var kept = ids.Count == 0 ? Enumerable.Empty<AnnualInvoice>().ToLookup(_ => 0L)
            : (await db.Payments.AsNoTracking().Where(p => ids.Contains(p.ContributionId)).Select(p => new { p.Id, p.ContributionId, p.CreatedAt, p.AmountCents })
                .ToListAsync(ct)).Where(p => !trackedIds.Contains(p.Id)).ToLookup(p => p.ContributionId, p => new AnnualInvoice(p.CreatedAt, p.AmountCents));
        var changed = new List<(AnnualGift?, AnnualGift?)>();
        foreach (var entry in entries)
        {
            var mine = payments.Where(p => p.Reference(nameof(Payment.Contribution)).TargetEntry?.Entity == entry.Entity).ToList();
            var (before, after) = Invoices(entry.State == EntityState.Added ? [] : kept[entry.Entity.Id], mine);
            changed.Add((entry.State == EntityState.Added || !IsAnnual(entry.OriginalValues) ? null : Gift(entry.OriginalValues, before),
                entry.State == EntityState.Deleted || !IsAnnual(entry.CurrentValues) ? null : Gift(entry.CurrentValues, after)));
        }
        foreach (var c in stored.Where(c => ContributionRules.IsReal(c.Status)))
        {
            // Only its invoices changed: the gift's values are the stored ones, before and after.
            var (before, after) = Invoices(kept[c.Id], payments.Where(p => p.Entity.ContributionId == c.Id && p.Reference(nameof(Payment.Contribution)).TargetEntry is null));
            changed.Add((new(c.Currency, c.StartedAt, c.CancelledAt, c.AmountCents, before), new(c.Currency, c.StartedAt, c.CancelledAt, c.AmountCents, after)));
        }
        return new(changed);
    }

    private static (List<AnnualInvoice> Before, List<AnnualInvoice> After) Invoices(IEnumerable<AnnualInvoice> stored, IEnumerable<EntityEntry<Payment>> tracked)
    {
        var (kept, changed) = (stored.ToList(), tracked.ToList());
        return (kept.Concat(changed.Where(p => p.State != EntityState.Added).Select(p => Invoice(p.OriginalValues))).ToList(),
            kept.Concat(changed.Where(p => p.State != EntityState.Deleted).Select(p => Invoice(p.CurrentValues))).ToList());
    }

    /// <summary>Every touched gift: its old changes taken back, its new ones added.</summary>
    public void AddTo(Dictionary<MonthKey, ReportMonth> totals)
    {
        foreach (var (before, after) in _changed)
        {
            if (before is not null)
            {
                Add(totals, before, -1);
            }
            if (after is not null)
            {
                Add(totals, after, 1);
            }
        }
    }

    private static bool IsAnnual(PropertyValues v) => v.GetValue<GiftFrequency>(nameof(Contribution.Frequency)) == GiftFrequency.Year
        && ContributionRules.IsReal(v.GetValue<ContributionStatus>(nameof(Contribution.Status)));

    private static AnnualInvoice Invoice(PropertyValues v) => new(v.GetValue<DateTime>(nameof(Payment.CreatedAt)), v.GetValue<long>(nameof(Payment.AmountCents)));

    private static AnnualGift Gift(PropertyValues v, List<AnnualInvoice> invoices) => new(v.GetValue<string>(nameof(Contribution.Currency)),
        v.GetValue<DateTime>(nameof(Contribution.StartedAt)), v.GetValue<DateTime?>(nameof(Contribution.CancelledAt)), v.GetValue<long>(nameof(Contribution.AmountCents)), invoices);
}
