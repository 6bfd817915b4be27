using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// MRR movements per supporter and month from each gift's month-end MRR (<see cref="MrrLedger"/>), ChartMogul's way:
/// a supporter from 0 to some MRR is new (first recurring gift in the currency started this month) or reactivated
/// (had one before); from some to 0 is churn, involuntary when a gift that ended by the month's end was ended by
/// Stripe for failed payments; up or down otherwise is expansion or contraction. Pure, so tests can reason about it.
/// </summary>
public static class MrrMovements
{
    public sealed record Input(IReadOnlyList<MovementGift> Gifts, ILookup<long, MovementInvoice> Invoices,
        IReadOnlyDictionary<long, DateTime> FirstStarts, ReportRange Range, DateTime CurrentMonth, DateTime Now);

    public static (MrrMovementReport Report, IReadOnlyList<MovementRow> Rows) Compute(Input input)
    {
        var range = input.Range;
        // Month 0 is the month before the range: the first month's movements start from its end.
        var months = range.Months().Prepend(range.From.AddMonths(-1)).ToList();
        var perGift = input.Gifts.ToDictionary(g => g.ContributionId,
            g => months.Select(m => MrrLedger.MonthEndCents(g, input.Invoices[g.ContributionId].ToList(), m, input.CurrentMonth)).ToArray());
        var supporters = input.Gifts.GroupBy(g => g.SupporterId).ToList();
        var perSupporter = supporters.ToDictionary(s => s.Key,
            s => Enumerable.Range(0, months.Count).Select(i => s.Sum(g => perGift[g.ContributionId][i])).ToArray());

        var rows = new List<MovementRow>();
        var figures = new List<MovementMonth>();
        for (var i = 1; i < months.Count; i++)
        {
            var (month, end) = (months[i], months[i].AddMonths(1));
            var totals = Enum.GetValues<MovementKind>().ToDictionary(k => k, _ => (Supporters: 0, Cents: 0L));
            foreach (var supporter in supporters)
            {
                var (before, after) = (perSupporter[supporter.Key][i - 1], perSupporter[supporter.Key][i]);
                if (Kind(supporter, before, after, month, end, input.FirstStarts) is not { } kind)
                {
                    continue;
                }
                var t = totals[kind];
                totals[kind] = (t.Supporters + 1, t.Cents + Math.Abs(after - before));
                rows.AddRange(supporter.Where(g => perGift[g.ContributionId][i - 1] != 0 || perGift[g.ContributionId][i] != 0)
                    .Select(g => new MovementRow(ReportRange.MonthKey(month), kind, g.SupporterId, g.Email, g.ContributionId,
                        g.Frequency.ToString(), perGift[g.ContributionId][i - 1], perGift[g.ContributionId][i], g.EndReason?.ToString())));
            }
            figures.Add(Month(month, i, perSupporter.Values, totals));
        }
        var churned = figures.Sum(f => f.Of(MovementKind.VoluntaryChurn).Supporters + f.Of(MovementKind.InvoluntaryChurn).Supporters);
        var atStart = figures.Sum(f => f.SupportersAtStart);
        double? churnRate = atStart == 0 ? null : (double)churned / atStart;
        var arps = figures.Count == 0 ? 0 : figures[^1].ArpsCents;
        var report = new MrrMovementReport(range.Currency, ReportRange.MonthKey(range.From), ReportRange.MonthKey(range.To.AddMonths(-1)),
            input.Now, figures, churnRate, arps, Lifetime(arps, churnRate),
            Cohorts(months, perSupporter, input.FirstStarts, input.CurrentMonth));
        return (report, rows);
    }

    private static MovementKind? Kind(IGrouping<long, MovementGift> supporter, long before, long after, DateTime month, DateTime end,
        IReadOnlyDictionary<long, DateTime> firstStarts) => (before, after) switch
    {
        (0, 0) => null,
        (0, _) => firstStarts.TryGetValue(supporter.Key, out var first) && first < month ? MovementKind.Reactivation : MovementKind.New,
        (_, 0) => supporter.Any(g => g.CancelledAt < end && g.EndReason == ContributionEndReason.PaymentFailed)
            ? MovementKind.InvoluntaryChurn : MovementKind.VoluntaryChurn,
        _ when after > before => MovementKind.Expansion,
        _ when after < before => MovementKind.Contraction,
        _ => null,
    };

    private static MovementMonth Month(DateTime month, int i, IEnumerable<long[]> perSupporter,
        Dictionary<MovementKind, (int Supporters, long Cents)> totals)
    {
        var all = perSupporter.ToList();
        var (start, end) = (all.Sum(s => s[i - 1]), all.Sum(s => s[i]));
        var (atStart, atEnd) = (all.Count(s => s[i - 1] > 0), all.Count(s => s[i] > 0));
        long C(MovementKind k) => totals[k].Cents;
        var churnCents = C(MovementKind.VoluntaryChurn) + C(MovementKind.InvoluntaryChurn);
        var churned = totals[MovementKind.VoluntaryChurn].Supporters + totals[MovementKind.InvoluntaryChurn].Supporters;
        double? supporterChurn = atStart == 0 ? null : (double)churned / atStart;
        double? Rate(long cents) => start == 0 ? null : (double)cents / start;
        var arps = atEnd == 0 ? 0 : RoundedDivide(end, atEnd);
        return new MovementMonth(ReportRange.MonthKey(month), start, end, atStart, atEnd,
            totals.Select(t => new MovementTotal(t.Key, t.Value.Supporters, t.Value.Cents)).ToList(), end - start,
            supporterChurn, Rate(churnCents + C(MovementKind.Contraction)),
            Rate(churnCents + C(MovementKind.Contraction) - C(MovementKind.Expansion) - C(MovementKind.Reactivation)),
            arps, Lifetime(arps, supporterChurn));
    }

    /// <summary>ARPS ÷ monthly supporter churn rate, rounded to the cent; none without churn (it would be unbounded).</summary>
    private static long? Lifetime(long arpsCents, double? churnRate) =>
        churnRate is { } rate && rate > 0 ? (long)Math.Round(arpsCents / rate, MidpointRounding.AwayFromZero) : null;

    private static List<CohortRow> Cohorts(List<DateTime> months, Dictionary<long, long[]> perSupporter,
        IReadOnlyDictionary<long, DateTime> firstStarts, DateTime currentMonth)
    {
        var cohorts = new List<CohortRow>();
        for (var c = 1; c < months.Count; c++)
        {
            var (month, end) = (months[c], months[c].AddMonths(1));
            var members = perSupporter.Where(s => firstStarts.TryGetValue(s.Key, out var first) && first >= month && first < end)
                .Select(s => s.Value).ToList();
            var still = Enumerable.Range(0, months.Count - 1).Select(k => c + k < months.Count && months[c + k] <= currentMonth
                ? members.Count(m => m[c + k] > 0) : (int?)null).ToList();
            cohorts.Add(new CohortRow(ReportRange.MonthKey(month), members.Count, still,
                still.Select(n => n is { } count && members.Count > 0 ? (double)count / members.Count : (double?)null).ToList()));
        }
        return cohorts;
    }

    private static long RoundedDivide(long total, long count) => (long)Math.Round((decimal)total / count, MidpointRounding.AwayFromZero);
}
