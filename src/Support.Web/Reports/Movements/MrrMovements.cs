using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// MRR movements per supporter and month from each gift's month-end MRR (<see cref="MrrLedger"/>), ChartMogul's way:
/// a supporter from 0 to some MRR is new (first recurring gift in the currency started this month) or reactivated
/// (had one before); from some to 0 is churn, involuntary when a gift that ended by the month's end was ended by
/// Stripe for failed payments; up or down otherwise is expansion or contraction. Pure: the same gifts give the same movements.
/// </summary>
public static class MrrMovements
{
    /// <summary>
    /// The range's gifts, their invoices issued from the month before the range to its end, each annual gift's latest
    /// invoice amount before that, each supporter's first recurring start; <see cref="Rows"/> says which drill-down
    /// rows to build (month key, kind; null: none) with <see cref="Emails"/> by supporter.
    /// </summary>
    public sealed record Input(IReadOnlyList<MovementGift> Gifts, IReadOnlyDictionary<long, InvoiceMonths> Invoices,
        IReadOnlyDictionary<long, long> EarlierAnnualCents, IReadOnlyDictionary<long, DateTime> FirstStarts, ReportRange Range,
        DateTime CurrentMonth, DateTime Now, Func<string, MovementKind, bool>? Rows = null,
        IReadOnlyDictionary<long, string?>? Emails = null);

    private sealed record Giver(long SupporterId, MovementGift[] Gifts, long[][] GiftEnds, long[] Ends);

    public static (MrrMovementReport Report, IReadOnlyList<MovementRow> Rows) Compute(Input input)
    {
        var range = input.Range;
        // Month 0 is the month before the range: the first month's movements start from its end.
        var months = range.Months().Prepend(range.From.AddMonths(-1)).ToList();
        var givers = input.Gifts.GroupBy(g => g.SupporterId).Select(s =>
        {
            var gifts = s.ToArray();
            var giftEnds = gifts.Select(g => MrrLedger.MonthEnds(g, input.Invoices.GetValueOrDefault(g.ContributionId),
                input.EarlierAnnualCents.TryGetValue(g.ContributionId, out var earlier) ? earlier : null, months, input.CurrentMonth)).ToArray();
            var ends = new long[months.Count];
            foreach (var giftEnd in giftEnds)
            {
                for (var i = 0; i < ends.Length; i++)
                {
                    ends[i] += giftEnd[i];
                }
            }
            return new Giver(s.Key, gifts, giftEnds, ends);
        }).ToList();

        var rows = new List<MovementRow>();
        var figures = new List<MovementMonth>();
        for (var i = 1; i < months.Count; i++)
        {
            var (month, end, key) = (months[i], months[i].AddMonths(1), ReportRange.MonthKey(months[i]));
            var totals = Enum.GetValues<MovementKind>().ToDictionary(k => k, _ => (Supporters: 0, Cents: 0L));
            var mrr = new MonthMrr();
            foreach (var giver in givers)
            {
                var (before, after) = (giver.Ends[i - 1], giver.Ends[i]);
                mrr.Add(before, after);
                if (Kind(giver, before, after, month, end, input.FirstStarts) is not { } kind)
                {
                    continue;
                }
                var t = totals[kind];
                totals[kind] = (t.Supporters + 1, t.Cents + Math.Abs(after - before));
                if (input.Rows?.Invoke(key, kind) == true)
                {
                    rows.AddRange(Rows(giver, i, key, kind, input.Emails));
                }
            }
            figures.Add(Month(key, mrr, totals));
        }
        var churned = figures.Sum(f => f.Of(MovementKind.VoluntaryChurn).Supporters + f.Of(MovementKind.InvoluntaryChurn).Supporters);
        var atStart = figures.Sum(f => f.SupportersAtStart);
        double? churnRate = atStart == 0 ? null : (double)churned / atStart;
        var arps = figures.Count == 0 ? 0 : figures[^1].ArpsCents;
        var report = new MrrMovementReport(range.Currency, ReportRange.MonthKey(range.From), ReportRange.MonthKey(range.To.AddMonths(-1)),
            input.Now, figures, churnRate, arps, Lifetime(arps, churnRate),
            Cohorts(months, givers, input.FirstStarts, input.CurrentMonth));
        return (report, rows);
    }

    private static IEnumerable<MovementRow> Rows(Giver giver, int i, string key, MovementKind kind, IReadOnlyDictionary<long, string?>? emails)
    {
        for (var g = 0; g < giver.Gifts.Length; g++)
        {
            var (gift, before, after) = (giver.Gifts[g], giver.GiftEnds[g][i - 1], giver.GiftEnds[g][i]);
            if (before != 0 || after != 0)
            {
                yield return new MovementRow(key, kind, gift.SupporterId, emails?.GetValueOrDefault(gift.SupporterId), gift.ContributionId,
                    gift.Frequency.ToString(), before, after, gift.EndReason?.ToString());
            }
        }
    }

    private static MovementKind? Kind(Giver giver, long before, long after, DateTime month, DateTime end,
        IReadOnlyDictionary<long, DateTime> firstStarts) => (before, after) switch
    {
        (0, 0) => null,
        (0, _) => firstStarts.TryGetValue(giver.SupporterId, out var first) && first < month ? MovementKind.Reactivation : MovementKind.New,
        (_, 0) => giver.Gifts.Any(g => g.CancelledAt < end && g.EndReason == ContributionEndReason.PaymentFailed)
            ? MovementKind.InvoluntaryChurn : MovementKind.VoluntaryChurn,
        _ when after > before => MovementKind.Expansion,
        _ when after < before => MovementKind.Contraction,
        _ => null,
    };

    /// <summary>MRR at the end of the month before and of the month, and how many supporters had some, added up in one pass.</summary>
    private sealed class MonthMrr
    {
        public long Start { get; private set; }
        public long End { get; private set; }
        public int AtStart { get; private set; }
        public int AtEnd { get; private set; }

        public void Add(long before, long after)
        {
            (Start, End) = (Start + before, End + after);
            (AtStart, AtEnd) = (AtStart + (before > 0 ? 1 : 0), AtEnd + (after > 0 ? 1 : 0));
        }
    }

    private static MovementMonth Month(string key, MonthMrr mrr, Dictionary<MovementKind, (int Supporters, long Cents)> totals)
    {
        var (start, end, atStart, atEnd) = (mrr.Start, mrr.End, mrr.AtStart, mrr.AtEnd);
        long C(MovementKind k) => totals[k].Cents;
        var churnCents = C(MovementKind.VoluntaryChurn) + C(MovementKind.InvoluntaryChurn);
        var churned = totals[MovementKind.VoluntaryChurn].Supporters + totals[MovementKind.InvoluntaryChurn].Supporters;
        double? supporterChurn = atStart == 0 ? null : (double)churned / atStart;
        double? Rate(long cents) => start == 0 ? null : (double)cents / start;
        var arps = atEnd == 0 ? 0 : RoundedDivide(end, atEnd);
        return new MovementMonth(key, start, end, atStart, atEnd,
            totals.Select(t => new MovementTotal(t.Key, t.Value.Supporters, t.Value.Cents)).ToList(), end - start,
            supporterChurn, Rate(churnCents + C(MovementKind.Contraction)),
            Rate(churnCents + C(MovementKind.Contraction) - C(MovementKind.Expansion) - C(MovementKind.Reactivation)),
            arps, Lifetime(arps, supporterChurn));
    }

    /// <summary>ARPS ÷ monthly supporter churn rate, rounded to the cent; none without churn (it would be unbounded).</summary>
    private static long? Lifetime(long arpsCents, double? churnRate) =>
        churnRate is { } rate && rate > 0 ? (long)Math.Round(arpsCents / rate, MidpointRounding.AwayFromZero) : null;

    /// <summary>Each supporter goes to the cohort of their first start's month (1 = the range's first), once.</summary>
    private static List<CohortRow> Cohorts(List<DateTime> months, List<Giver> givers,
        IReadOnlyDictionary<long, DateTime> firstStarts, DateTime currentMonth)
    {
        var members = new int[months.Count];
        var still = new int[months.Count, months.Count - 1];
        foreach (var giver in givers)
        {
            var c = firstStarts.TryGetValue(giver.SupporterId, out var first) ? MrrLedger.MonthIndex(months[0], first) : -1;
            if (c < 1 || c >= months.Count)
            {
                continue;
            }
            members[c]++;
            for (var k = 0; c + k < months.Count; k++)
            {
                still[c, k] += giver.Ends[c + k] > 0 ? 1 : 0;
            }
        }
        var cohorts = new List<CohortRow>();
        for (var c = 1; c < months.Count; c++)
        {
            var count = members[c];
            var giving = Enumerable.Range(0, months.Count - 1)
                .Select(k => c + k < months.Count && months[c + k] <= currentMonth ? still[c, k] : (int?)null).ToList();
            cohorts.Add(new CohortRow(ReportRange.MonthKey(months[c]), count, giving,
                giving.Select(n => n is { } n0 && count > 0 ? (double)n0 / count : (double?)null).ToList()));
        }
        return cohorts;
    }

    private static long RoundedDivide(long total, long count) => (long)Math.Round((decimal)total / count, MidpointRounding.AwayFromZero);
}
