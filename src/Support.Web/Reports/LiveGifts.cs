using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>How many live contributions of one currency share a frequency, an amount and the two flags the figures split by.</summary>
public sealed record LiveGroup(GiftFrequency Frequency, long AmountCents, bool Paused, bool CancelAtPeriodEnd, int Count);

/// <summary>
/// The live contributions of a currency, grouped by frequency, amount, paused and ending (amounts are few): MRR now,
/// the monthly amounts' average, median and distribution, the paused figures and the gifts ending at their period end
/// all come from these groups, with the one MRR rule (<see cref="ReportMrr"/>).
/// </summary>
public sealed class LiveGifts(IReadOnlyList<LiveGroup> groups)
{
    /// <summary>The counts kept with every ledger change (<see cref="GiftCounts"/>): a few rows, not every live gift.</summary>
    public static async Task<LiveGifts> ReadAsync(SupportDbContext db, string currency, CancellationToken ct) =>
        new(await db.ReportLiveGifts.Where(g => g.Currency == currency && g.Count != 0)
            .Select(g => new LiveGroup(g.Frequency, g.AmountCents, g.Paused, g.CancelAtPeriodEnd, g.Count))
            .ToListAsync(ct));

    /// <summary>Billed gifts only: paused ones are supporters still, but bill nothing (KeepingFigures has them).</summary>
    public long MrrCents => Mrr(groups.Where(g => !g.Paused));

    public int Paused => groups.Where(g => g.Paused).Sum(g => g.Count);

    public long PausedMonthlyCents => Mrr(groups.Where(g => g.Paused));

    public int EndingAtPeriodEnd => groups.Where(g => g.CancelAtPeriodEnd).Sum(g => g.Count);

    /// <summary>The monthly gifts' amounts, paused ones included, smallest first: (amount, how many).</summary>
    public IReadOnlyList<(long AmountCents, int Count)> MonthlyAmounts() => groups.Where(g => g.Frequency == GiftFrequency.Month)
        .GroupBy(g => g.AmountCents).Select(g => (g.Key, g.Sum(x => x.Count))).OrderBy(a => a.Key).ToList();

    /// <summary>The amount at a 0-based position in the sorted list of every monthly gift's amount.</summary>
    public static long AmountAt(IReadOnlyList<(long AmountCents, int Count)> amounts, long position)
    {
        foreach (var (amount, count) in amounts)
        {
            if (position < count)
            {
                return amount;
            }
            position -= count;
        }
        throw new ArgumentOutOfRangeException(nameof(position), position, "Past the last gift.");
    }

    private static long Mrr(IEnumerable<LiveGroup> of) => of.Sum(g => ReportMrr.MonthlyCents(g.Frequency, g.AmountCents) * g.Count);
}
