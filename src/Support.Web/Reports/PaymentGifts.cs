using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>What a payment counts under in the month totals, taken from its contribution: its frequency, and when it ended.</summary>
public readonly record struct PaymentGift(GiftFrequency Frequency, DateTime? CancelledAt);

/// <summary>
/// The <see cref="PaymentGift"/> of each saved payment: its contribution's, before the save (to take back what it added)
/// and after it. A contribution tracked in the same save gives both; otherwise it is read once for the whole save. A
/// contribution whose frequency or end changed (Stripe moved the subscription to another interval, or it ended) moves
/// its stored payments from the old figures to the new ones, so the month totals stay a function of the ledger.
/// </summary>
public sealed class PaymentGifts
{
    private readonly Dictionary<long, PaymentGift> _stored;
    private readonly List<(PaymentGift From, PaymentGift To, List<Payment> Payments)> _moves;

    private PaymentGifts(Dictionary<long, PaymentGift> stored, List<(PaymentGift, PaymentGift, List<Payment>)> moves) =>
        (_stored, _moves) = (stored, moves);

    public static async Task<PaymentGifts> LoadAsync(SupportDbContext db, CancellationToken ct)
    {
        var changed = db.ChangeTracker.Entries<Payment>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var untracked = changed.Where(e => ContributionOf(e) is null).Select(e => e.Entity.ContributionId).Distinct().ToList();
        var stored = untracked.Count == 0 ? []
            : await db.Contributions.AsNoTracking().Where(c => untracked.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => new PaymentGift(c.Frequency, c.CancelledAt), ct);
        var moves = new List<(PaymentGift, PaymentGift, List<Payment>)>();
        foreach (var entry in db.ChangeTracker.Entries<Contribution>().Where(e => e.State == EntityState.Modified))
        {
            var (from, to) = (Gift(entry.OriginalValues), Gift(entry.CurrentValues));
            if (from == to)
            {
                continue;
            }
            // The payments this save changes or deletes already move by their own entries.
            var handled = changed.Where(e => e.State != EntityState.Added && e.Entity.ContributionId == entry.Entity.Id).Select(e => e.Entity.Id).ToList();
            var payments = await db.Payments.AsNoTracking().Where(p => p.ContributionId == entry.Entity.Id && !handled.Contains(p.Id)).ToListAsync(ct);
            moves.Add((from, to, payments));
        }
        return new PaymentGifts(stored, moves);
    }

    /// <summary>What a payment entry's <paramref name="original"/> or current values count under.</summary>
    public PaymentGift Of(EntityEntry payment, bool original)
    {
        if (ContributionOf(payment) is { } contribution)
        {
            return Gift(original && contribution.State != EntityState.Added ? contribution.OriginalValues : contribution.CurrentValues);
        }
        var id = payment.Property(nameof(Payment.ContributionId)).CurrentValue as long? ?? 0;
        return _stored.TryGetValue(id, out var gift) ? gift
            : throw new InvalidOperationException($"Payment {payment.Property(nameof(Payment.Id)).CurrentValue} has no contribution {id}.");
    }

    /// <summary>Stored payments of contributions whose frequency or end changed: taken from the old figures, added to the new.</summary>
    public void AddMoves(Dictionary<MonthKey, ReportMonth> totals)
    {
        foreach (var (from, to, payments) in _moves)
        {
            foreach (var payment in payments)
            {
                MonthTotals.AddPayment(totals, payment, from, -1);
                MonthTotals.AddPayment(totals, payment, to, 1);
            }
        }
    }

    private static PaymentGift Gift(PropertyValues contribution) => new(
        contribution.GetValue<GiftFrequency>(nameof(Contribution.Frequency)), contribution.GetValue<DateTime?>(nameof(Contribution.CancelledAt)));

    private static EntityEntry? ContributionOf(EntityEntry payment) => payment.Reference(nameof(Payment.Contribution)).TargetEntry;
}
