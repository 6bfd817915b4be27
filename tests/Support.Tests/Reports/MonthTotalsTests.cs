using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;
using Support.Web.Data;
using Support.Web.Reports;

namespace Support.Tests.Reports;

/// <summary>
/// The month totals and live gift counts kept by deltas with every save equal a from-scratch computation over the
/// ledger, after random histories of inserts and changes (in transactions and without), and after <c>reports rebuild</c>.
/// </summary>
public sealed class MonthTotalsTests(MonthTotalsTests.App app) : IClassFixture<MonthTotalsTests.App>
{
    public sealed class App : SupportAppFactory;

    /// <summary>
    /// Every month's figures per gift frequency (a payment under its contribution's), from the ledger rows alone,
    /// written independently of <see cref="MonthTotals"/>.
    /// </summary>
    public static async Task<string> FromScratchAsync(SupportDbContext db) =>
        await MonthsFromScratchAsync(db) + "\nlive gifts:\n" + await LiveFromScratchAsync(db) + "\narticles:\n" + await ArticlesFromScratchAsync(db)
        + "\nannual at month ends:\n" + await AnnualFromScratchAsync(db) + "\nactive supporters:\n" + await ActiveFromScratchAsync(db);

    /// <summary>What the service keeps: the month rows, then the live gift counts (the same lines as <see cref="FromScratchAsync"/>).</summary>
    public static async Task<string> KeptAsync(SupportDbContext db) =>
        await MonthsKeptAsync(db) + "\nlive gifts:\n" + await LiveKeptAsync(db) + "\narticles:\n" + await ArticlesKeptAsync(db)
        + "\nannual at month ends:\n" + await AnnualKeptAsync(db) + "\nactive supporters:\n" + await ActiveKeptAsync(db);

    /// <summary>Per currency, the supporters with at least one live contribution in it, from the ledger rows alone.</summary>
    private static async Task<string> ActiveFromScratchAsync(SupportDbContext db) => string.Join('\n', (await db.Contributions.AsNoTracking()
            .Where(c => c.Status == ContributionStatus.Active || c.Status == ContributionStatus.PastDue || c.Status == ContributionStatus.Trialing)
            .Select(c => new { c.Currency, c.SupporterId }).ToListAsync())
        .Distinct().OrderBy(c => c.Currency, StringComparer.Ordinal).ThenBy(c => c.SupporterId).Select(c => $"{c.Currency} {c.SupporterId}"));

    private static async Task<string> ActiveKeptAsync(SupportDbContext db) => string.Join('\n', (await db.ReportActiveSupporters.AsNoTracking().ToListAsync())
        .OrderBy(c => c.Currency, StringComparer.Ordinal).ThenBy(c => c.SupporterId).Select(c => $"{c.Currency} {c.SupporterId}"));

    /// <summary>The months any ledger row falls in, and the one after: where MRR at month ends can differ from zero.</summary>
    private static async Task<List<DateTime>> LedgerMonthsAsync(SupportDbContext db)
    {
        static DateTime M(DateTime at) => new(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var dates = (await db.Contributions.AsNoTracking().Select(c => new { c.StartedAt, c.CancelledAt }).ToListAsync())
            .SelectMany(c => new[] { c.StartedAt, c.CancelledAt ?? c.StartedAt })
            .Concat(await db.Payments.AsNoTracking().Select(p => p.CreatedAt).ToListAsync()).ToList();
        if (dates.Count == 0)
        {
            return [];
        }
        var months = new List<DateTime>();
        for (var m = M(dates.Min()); m <= M(dates.Max()).AddMonths(1); m = m.AddMonths(1))
        {
            months.Add(m);
        }
        return months;
    }

    /// <summary>
    /// Per currency and month: a twelfth of the latest invoice issued by the month's end (the amount if none) of each real
    /// annual gift started before that end and not ended by it, from the ledger rows alone.
    /// </summary>
    private static async Task<string> AnnualFromScratchAsync(SupportDbContext db)
    {
        var gifts = await db.Contributions.AsNoTracking().Include(c => c.Payments)
            .Where(c => c.Frequency == GiftFrequency.Year && c.Status != ContributionStatus.Incomplete && c.Status != ContributionStatus.IncompleteExpired)
            .ToListAsync();
        var months = await LedgerMonthsAsync(db);
        return string.Join('\n', gifts.Select(g => g.Currency).Distinct().Order(StringComparer.Ordinal).SelectMany(currency => months.Select(m =>
        {
            var end = m.AddMonths(1);
            var cents = gifts.Where(g => g.Currency == currency && g.StartedAt < end && (g.CancelledAt is null || g.CancelledAt >= end))
                .Sum(g => ((g.Payments.Where(p => p.CreatedAt < end).OrderBy(p => p.CreatedAt).LastOrDefault()?.AmountCents ?? g.AmountCents) + 6) / 12);
            return (currency, m, cents);
        })).Where(x => x.cents != 0).Select(x => $"{x.currency} {x.m:yyyy-MM}: {x.cents}"));
    }

    private static async Task<string> AnnualKeptAsync(SupportDbContext db)
    {
        var rows = await db.ReportMonths.AsNoTracking().Where(r => r.Frequency == "year").ToListAsync();
        var months = await LedgerMonthsAsync(db);
        return string.Join('\n', rows.Select(r => r.Currency).Distinct().Order(StringComparer.Ordinal).SelectMany(currency => months.Select(m =>
            (currency, m, cents: rows.Where(r => r.Currency == currency && r.Month <= m).Sum(r => r.AnnualMrrChangeCents))))
            .Where(x => x.cents != 0).Select(x => $"{x.currency} {x.m:yyyy-MM}: {x.cents}"));
    }

    /// <summary>The real contributions per article slug ("" for none) and month they started in, from the ledger rows alone.</summary>
    private static async Task<string> ArticlesFromScratchAsync(SupportDbContext db) => string.Join('\n', (await db.Contributions.AsNoTracking()
            .Where(c => c.Status != ContributionStatus.Incomplete && c.Status != ContributionStatus.IncompleteExpired).ToListAsync())
        .GroupBy(c => (Slug: c.ArticleSlug ?? "", Month: $"{c.StartedAt:yyyy-MM}"))
        .OrderBy(g => g.Key.Slug, StringComparer.Ordinal).ThenBy(g => g.Key.Month, StringComparer.Ordinal)
        .Select(g => $"'{g.Key.Slug}' {g.Key.Month}: {g.Count()}"));

    private static async Task<string> ArticlesKeptAsync(SupportDbContext db) => string.Join('\n', (await db.ReportArticleMonths.AsNoTracking().ToListAsync())
        .Where(m => m.NewGifts != 0).OrderBy(m => m.ArticleSlug, StringComparer.Ordinal).ThenBy(m => m.Month)
        .Select(m => $"'{m.ArticleSlug}' {m.Month:yyyy-MM}: {m.NewGifts}"));

    private static async Task<string> MonthsFromScratchAsync(SupportDbContext db)
    {
        var payments = await db.Payments.AsNoTracking().Include(p => p.Contribution).ToListAsync();
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => c.Status != ContributionStatus.Incomplete && c.Status != ContributionStatus.IncompleteExpired).ToListAsync();
        static DateTime M(DateTime at) => new(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var keys = payments.Select(p => (p.Currency, M(p.CreatedAt), p.Contribution.Frequency))
            .Concat(payments.Where(p => p.PaidAt != null).Select(p => (p.Currency, M(p.PaidAt!.Value), p.Contribution.Frequency)))
            .Concat(payments.Where(p => p.FirstFailedAt != null).Select(p => (p.Currency, M(p.FirstFailedAt!.Value), p.Contribution.Frequency)))
            .Concat(contributions.Select(c => (c.Currency, M(c.StartedAt), c.Frequency)))
            .Concat(contributions.Where(c => c.CancelledAt != null).Select(c => (c.Currency, M(c.CancelledAt!.Value), c.Frequency)))
            .Distinct().OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2).ThenBy(k => Name(k.Item3), StringComparer.Ordinal);
        var lines = keys.Select(k =>
        {
            var (currency, month, frequency) = k;
            var of = payments.Where(p => p.Currency == currency && p.Contribution.Frequency == frequency).ToList();
            var issued = of.Where(p => M(p.CreatedAt) == month).Sum(p => p.AmountCents);
            var ended = of.Where(p => M(p.CreatedAt) == month && p.Contribution.CancelledAt is { } end && M(end) == month).Sum(p => p.AmountCents);
            var paid = of.Where(p => p.Status == PaymentStatus.Paid && p.PaidAt != null && M(p.PaidAt.Value) == month).ToList();
            var revenue = paid.Sum(p => p.AmountCents - p.RefundedCents - p.DisputeLossCents);
            var failed = of.Where(p => p.FirstFailedAt != null && M(p.FirstFailedAt.Value) == month).ToList();
            var gifts = contributions.Where(c => c.Currency == currency && c.Frequency == frequency).ToList();
            var news = gifts.Count(c => M(c.StartedAt) == month);
            var gone = gifts.Count(c => c.CancelledAt != null && M(c.CancelledAt.Value) == month);
            return $"{currency} {month:yyyy-MM} {Name(frequency)} issued {issued} ended {ended} revenue {revenue} paid {paid.Count} failed {failed.Count} " +
                $"recovered {failed.Count(p => p.Status == PaymentStatus.Paid)} new {news} cancelled {gone}";
        });
        return string.Join('\n', lines.Where(l => !l.EndsWith(Nothing, StringComparison.Ordinal)));
    }

    private static async Task<string> MonthsKeptAsync(SupportDbContext db) => string.Join('\n', (await db.ReportMonths.AsNoTracking().ToListAsync())
        .OrderBy(m => m.Currency, StringComparer.Ordinal).ThenBy(m => m.Month).ThenBy(m => m.Frequency, StringComparer.Ordinal)
        .Select(m => $"{m.Currency} {m.Month:yyyy-MM} {m.Frequency} issued {m.IssuedCents} ended {m.EndedIssuedCents} revenue {m.RevenueCents} paid {m.PaidPayments} " +
            $"failed {m.FailedPayments} recovered {m.RecoveredPayments} new {m.NewSupporters} cancelled {m.CancelledSupporters}")
        .Where(l => !l.EndsWith(Nothing, StringComparison.Ordinal)));

    /// <summary>The live contributions per currency, frequency, amount, paused and ending, from the ledger rows alone.</summary>
    private static async Task<string> LiveFromScratchAsync(SupportDbContext db) => string.Join('\n', (await db.Contributions.AsNoTracking()
            .Where(c => c.Status == ContributionStatus.Active || c.Status == ContributionStatus.PastDue || c.Status == ContributionStatus.Trialing)
            .ToListAsync())
        .GroupBy(c => (c.Currency, Name(c.Frequency), c.AmountCents, c.Paused, c.CancelAtPeriodEnd))
        .Select(g => (g.Key, Count: g.Count())).OrderBy(g => g.Key)
        .Select(g => $"{g.Key.Currency} {g.Key.Item2} {g.Key.AmountCents} paused {g.Key.Paused} ending {g.Key.CancelAtPeriodEnd}: {g.Count}"));

    private static async Task<string> LiveKeptAsync(SupportDbContext db) => string.Join('\n', (await db.ReportLiveGifts.AsNoTracking().ToListAsync())
        .Where(g => g.Count != 0).Select(g => (Key: (g.Currency, Name(g.Frequency), g.AmountCents, g.Paused, g.CancelAtPeriodEnd), g.Count))
        .OrderBy(g => g.Key)
        .Select(g => $"{g.Key.Currency} {g.Key.Item2} {g.Key.AmountCents} paused {g.Key.Paused} ending {g.Key.CancelAtPeriodEnd}: {g.Count}"));

    private const string Nothing = "issued 0 ended 0 revenue 0 paid 0 failed 0 recovered 0 new 0 cancelled 0";

    /// <summary>The row names, written out here rather than taken from the code under test.</summary>
    private static string Name(GiftFrequency frequency) => frequency switch
    {
        GiftFrequency.Month => "month",
        GiftFrequency.Year => "year",
        _ => "once",
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Month_totals_equal_the_from_scratch_computation_after_a_random_history(int seed)
    {
        await app.QueryAsync(async db =>
        {
            await LedgerSnapshot.ClearAsync(db);
            await db.ReportMonths.ExecuteDeleteAsync();
            await db.ReportLiveGifts.ExecuteDeleteAsync();
            await db.ReportArticleMonths.ExecuteDeleteAsync();
            await db.ReportActiveSupporters.ExecuteDeleteAsync();
            return 0;
        });
        var random = new Random(seed);
        for (var step = 0; step < 40; step++)
        {
            await app.QueryAsync(async db =>
            {
                // Half the steps in a transaction (as every Stripe event is), half in SaveChanges' own.
                if (random.Next(2) == 0)
                {
                    await db.InTransactionAsync(async _ => await StepAsync(db, random, seed, step), CancellationToken.None);
                }
                else
                {
                    await StepAsync(db, random, seed, step);
                }
                return 0;
            });
        }

        var expected = await app.QueryAsync(FromScratchAsync);
        Assert.NotEmpty(await app.QueryAsync(MonthsFromScratchAsync));
        Assert.NotEmpty(await app.QueryAsync(LiveFromScratchAsync));
        Assert.Equal(expected, await app.QueryAsync(KeptAsync));
        await app.QueryAsync(db => MonthTotalsRebuild.RunAsync(db, CancellationToken.None));
        Assert.Equal(expected, await app.QueryAsync(KeptAsync));
    }

    private static readonly string?[] Slugs = [null, "first-article", "second-article"];

    private static readonly GiftFrequency[] Frequencies = [GiftFrequency.Month, GiftFrequency.Month, GiftFrequency.Year, GiftFrequency.Once];

    private static readonly ContributionStatus[] Statuses =
        [ContributionStatus.Active, ContributionStatus.PastDue, ContributionStatus.Canceled, ContributionStatus.Incomplete, ContributionStatus.IncompleteExpired];

    private static async Task StepAsync(SupportDbContext db, Random random, int seed, int step)
    {
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime Some() => start.AddHours(random.Next(24 * 365));
        var currency = random.Next(4) == 0 ? "eur" : "usd";
        // Now and then an earlier supporter gives again: active supporters count each once, whatever their live gifts.
        var supporter = (random.Next(3) == 0 ? await db.Supporters.OrderBy(s => s.Id).Skip(random.Next(0, 5)).FirstOrDefaultAsync() : null)
            ?? new Supporter { StripeCustomerId = $"cus_{seed}_{step}", CreatedAt = Some() };
        var contribution = new Contribution
        {
            StripeSubscriptionId = $"sub_{seed}_{step}", Currency = currency, Supporter = supporter, AmountCents = 100 * random.Next(2, 30),
            Status = Statuses[random.Next(Statuses.Length)], StartedAt = Some(), Frequency = Frequencies[random.Next(Frequencies.Length)],
            Paused = random.Next(5) == 0, CancelAtPeriodEnd = random.Next(5) == 0, ArticleSlug = Slugs[random.Next(Slugs.Length)],
        };
        for (var i = 0; i < random.Next(0, 4); i++)
        {
            var paid = random.Next(3) > 0;
            contribution.Payments.Add(new Payment
            {
                StripeInvoiceId = $"in_{seed}_{step}_{i}", Currency = currency, AmountCents = contribution.AmountCents,
                Status = paid ? PaymentStatus.Paid : PaymentStatus.Failed, CreatedAt = Some(), PaidAt = paid ? Some() : null,
                FirstFailedAt = random.Next(3) == 0 ? Some() : null,
            });
        }
        // Now and then a gift ends in the month of one of its invoices (the month-end MRR takes those back).
        if (random.Next(3) == 0 && contribution.Payments.Count > 0)
        {
            contribution.CancelledAt = contribution.Payments.First().CreatedAt.AddHours(random.Next(-12, 12));
        }
        db.Contributions.Add(contribution);
        await db.SaveChangesAsync();

        // Then change a few earlier rows, several changes to one row in one save now and then.
        foreach (var payment in await db.Payments.OrderBy(p => p.Id).Skip(random.Next(0, 10)).Take(random.Next(0, 3)).ToListAsync())
        {
            switch (random.Next(5))
            {
                case 0: payment.Status = PaymentStatus.Paid; payment.PaidAt ??= Some(); break;
                case 1: payment.RefundedCents = Math.Min(payment.AmountCents, payment.RefundedCents + 100); break;
                case 2: payment.DisputeLossCents = 1500 + (random.Next(2) == 0 ? payment.AmountCents : 0); break;
                case 3: payment.FirstFailedAt ??= Some(); payment.AmountCents += 50; break;
                default: db.Payments.Remove(payment); break;
            }
        }
        foreach (var earlier in await db.Contributions.OrderBy(c => c.Id).Skip(random.Next(0, 10)).Take(random.Next(0, 2)).ToListAsync())
        {
            earlier.Status = Statuses[random.Next(Statuses.Length)];
            var invoiced = await db.Payments.Where(p => p.ContributionId == earlier.Id).Select(p => (DateTime?)p.CreatedAt).FirstOrDefaultAsync();
            earlier.CancelledAt = random.Next(3) switch
            {
                0 => null,
                1 when invoiced is { } at => at.AddHours(random.Next(-12, 12)),
                _ => Some(),
            };
            earlier.StartedAt = random.Next(4) == 0 ? Some() : earlier.StartedAt;
            earlier.ArticleSlug = random.Next(6) == 0 ? Slugs[random.Next(Slugs.Length)] : earlier.ArticleSlug;
            // A pause, an ending at the period's end, a new amount: each moves the gift to another live count.
            earlier.Paused = random.Next(4) == 0 ? !earlier.Paused : earlier.Paused;
            earlier.CancelAtPeriodEnd = random.Next(4) == 0 ? !earlier.CancelAtPeriodEnd : earlier.CancelAtPeriodEnd;
            earlier.AmountCents = random.Next(4) == 0 ? 100 * random.Next(2, 30) : earlier.AmountCents;
            // Now and then Stripe moves a subscription to another interval: its payments move rows with it.
            earlier.Frequency = random.Next(6) == 0 ? Frequencies[random.Next(Frequencies.Length)] : earlier.Frequency;
        }
        await db.SaveChangesAsync();
    }
}
