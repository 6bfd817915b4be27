using System.Net.Http.Json;
using Support.Data;
using Support.Data.Supporters;
using Support.Web.Reports;

namespace Support.Tests.Reports;

/// <summary>Cancellations readers make from their account show in the reports before the gift ends.</summary>
public sealed class CancellationReportTests(CancellationReportTests.Fixture fixture) : IClassFixture<CancellationReportTests.Fixture>
{
    public sealed class Fixture : ReportApp
    {
        protected override async Task InsertHistoryAsync(SupportDbContext db)
        {
            var june = new DateTime(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);
            var supporter = new Supporter { StripeCustomerId = "cus_cancel_report", Email = "leaving@example.org", CreatedAt = june.AddMonths(-3) };
            db.Supporters.Add(supporter);
            db.Contributions.AddRange(
                Contribution("sub_ending", supporter, ContributionStatus.Active, cancelAtPeriodEnd: true, "Too expensive", june),
                Contribution("sub_ended", supporter, ContributionStatus.Canceled, cancelAtPeriodEnd: false, "Too expensive", june.AddDays(-30)),
                Contribution("sub_other_reason", supporter, ContributionStatus.Active, cancelAtPeriodEnd: true, "Moving abroad", june),
                Contribution("sub_staying", supporter, ContributionStatus.Active, cancelAtPeriodEnd: false, null, null),
                Contribution("sub_last_year", supporter, ContributionStatus.Canceled, cancelAtPeriodEnd: false, "Old reason", june.AddYears(-1)));
            await db.SaveChangesAsync();
        }

        private static Contribution Contribution(string id, Supporter supporter, ContributionStatus status, bool cancelAtPeriodEnd, string? reason, DateTime? requestedAt) => new()
        {
            StripeSubscriptionId = id,
            Supporter = supporter,
            AmountCents = 500,
            Currency = "usd",
            Status = status,
            StartedAt = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            CancelAtPeriodEnd = cancelAtPeriodEnd,
            CancellationReason = reason,
            CancelRequestedAt = requestedAt,
        };
    }

    [Fact]
    public async Task Summary_counts_gifts_ending_at_period_end_and_the_reasons_given_in_the_range()
    {
        var summary = (await fixture.Staff.GetFromJsonAsync<ReportSummary>("/staff/api/summary?from=2026-01&to=2026-12"))!;

        // Ending now: sub_ending and sub_other_reason (live, cancel at period end). Requested in 2026: those two and
        // sub_ended (May); sub_last_year was requested in 2025.
        Assert.Equal(2, summary.Cancellations.EndingAtPeriodEnd);
        Assert.Equal(3, summary.Cancellations.RequestedInRange);
        Assert.Equal([new ReasonCount("Too expensive", 2), new ReasonCount("Moving abroad", 1)], summary.Cancellations.Reasons);
    }

    [Fact]
    public async Task Reports_page_lists_the_reasons()
    {
        var page = await fixture.Staff.GetStringAsync("/staff/reports?from=2026-01&to=2026-12");

        Assert.Contains("Cancellations requested by supporters", page);
        Assert.Contains("Too expensive", page);
        Assert.Contains("Moving abroad", page);
    }
}
