using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Support.Data;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// The gift frequency each saved payment counts under in the month totals: its contribution's, before the save (to take
/// back what it added) and after it. A contribution tracked in the same save gives both; otherwise it is read once for
/// the whole save. A contribution whose frequency changed (Stripe moved the subscription to another interval) moves
/// its stored payments from the old rows to the new ones, so the per-frequency totals stay a function of the ledger.
/// </summary>
public sealed class PaymentFrequencies
{
    private readonly Dictionary<long, GiftFrequency> _stored;
    private readonly List<(GiftFrequency From, GiftFrequency To, List<Payment> Payments)> _moves;

    private PaymentFrequencies(Dictionary<long, GiftFrequency> stored, List<(GiftFrequency, GiftFrequency, List<Payment>)> moves) =>
        (_stored, _moves) = (stored, moves);

    public static async Task<PaymentFrequencies> LoadAsync(SupportDbContext db, CancellationToken ct)
    {
        var changed = db.ChangeTracker.Entries<Payment>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var untracked = changed.Where(e => ContributionOf(e) is null).Select(e => e.Entity.ContributionId).Distinct().ToList();
        var stored = untracked.Count == 0 ? []
            : await db.Contributions.AsNoTracking().Where(c => untracked.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Frequency, ct);
        var moves = new List<(GiftFrequency, GiftFrequency, List<Payment>)>();
        foreach (var entry in db.ChangeTracker.Entries<Contribution>().Where(e => e.State == EntityState.Modified))
        {
            var (from, to) = (entry.OriginalValues.GetValue<GiftFrequency>(nameof(Contribution.Frequency)), entry.Entity.Frequency);
            if (from == to)
            {
                continue;
            }
            // The payments this save changes or deletes already move by their own entries.
            var handled = changed.Where(e => e.State != EntityState.Added && e.Entity.ContributionId == entry.Entity.Id).Select(e => e.Entity.Id).ToList();
            var payments = await db.Payments.AsNoTracking().Where(p => p.ContributionId == entry.Entity.Id && !handled.Contains(p.Id)).ToListAsync(ct);
            moves.Add((from, to, payments));
        }
        return new PaymentFrequencies(stored, moves);
    }

    /// <summary>The frequency a payment entry's <paramref name="original"/> or current values count under.</summary>
    public GiftFrequency Of(EntityEntry payment, bool original)
    {
        if (ContributionOf(payment) is { } contribution)
        {
            var values = original && contribution.State != EntityState.Added ? contribution.OriginalValues : contribution.CurrentValues;
            return values.GetValue<GiftFrequency>(nameof(Contribution.Frequency));
        }
        var id = payment.Property(nameof(Payment.ContributionId)).CurrentValue as long? ?? 0;
        return _stored.TryGetValue(id, out var frequency) ? frequency
            : throw new InvalidOperationException($"Payment {payment.Property(nameof(Payment.Id)).CurrentValue} has no contribution {id}.");
    }

    /// <summary>Stored payments of contributions whose frequency changed: taken from the old rows, added to the new.</summary>
    public void AddMoves(Dictionary<MonthKey, MonthDelta> totals)
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

    private static EntityEntry? ContributionOf(EntityEntry payment) => payment.Reference(nameof(Payment.Contribution)).TargetEntry;
}
