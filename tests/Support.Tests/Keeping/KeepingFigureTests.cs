using System.Net.Http.Json;
using Support.Data.Keeping;
using Support.Data.Staff;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;
using Support.Web.Reports;

namespace Support.Tests.Keeping;

/// <summary>Issue 16's report figures on a hand-computed history: paused (out of MRR), involuntary churn apart, save offers.</summary>
public sealed class KeepingFigureTests(KeepingFigureTests.Fixture fixture) : IClassFixture<KeepingFigureTests.Fixture>
{
    private static readonly DateTime June = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    public sealed class Fixture : SupportAppFactory, IAsyncLifetime
    {
        public HttpClient Staff { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await QueryAsync(async db =>
            {
                var supporter = new Supporter { StripeCustomerId = "cus_keeping_figures", Email = "kept@example.org", CreatedAt = June.AddMonths(-6) };
                db.Supporters.Add(supporter);
                Contribution Add(string id, long cents, ContributionStatus status, bool paused = false, ContributionEndReason? reason = null, DateTime? endedAt = null)
                {
                    var c = new Contribution
                    {
                        StripeSubscriptionId = id, Supporter = supporter, AmountCents = cents, Currency = "usd", Status = status,
                        StartedAt = June.AddMonths(-5), Paused = paused, PauseResumesAt = paused ? June.AddMonths(1) : null,
                        EndReason = reason, CancelledAt = endedAt, UpdatedAt = June,
                    };
                    db.Contributions.Add(c);
                    return c;
                }
                Add("sub_billed_a", 500, ContributionStatus.Active);
                Add("sub_billed_b", 1000, ContributionStatus.PastDue);
                var paused = Add("sub_paused_a", 700, ContributionStatus.Active, paused: true);
                Add("sub_paused_b", 300, ContributionStatus.Active, paused: true);
                Add("sub_unpaid_june", 200, ContributionStatus.Canceled, reason: ContributionEndReason.PaymentFailed, endedAt: June);
                Add("sub_unpaid_may", 200, ContributionStatus.Canceled, reason: ContributionEndReason.PaymentFailed, endedAt: June.AddMonths(-1));
                var cancelled = Add("sub_cancelled_june", 900, ContributionStatus.Canceled, reason: ContributionEndReason.CancellationRequested, endedAt: June.AddDays(2));
                Add("sub_cancelled_old", 900, ContributionStatus.Canceled, endedAt: June.AddDays(3));
                db.SaveOffers.AddRange(
                    Offer(paused, SaveOfferOutcome.Accepted, June),
                    Offer(cancelled, SaveOfferOutcome.Cancelled, June.AddDays(1)),
                    Offer(cancelled, SaveOfferOutcome.Shown, June.AddDays(1)),
                    Offer(cancelled, SaveOfferOutcome.Accepted, June.AddMonths(-2)));
                return await db.SaveChangesAsync();
            });
            Staff = await this.StaffBrowserAsync(StaffRoles.Staff);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private static SaveOffer Offer(Contribution c, SaveOfferOutcome outcome, DateTime shownAt) => new()
        {
            Contribution = c, Kind = SaveOfferKind.Pause, Currency = "usd", ShownAt = shownAt, Outcome = outcome,
            DecidedAt = outcome == SaveOfferOutcome.Shown ? null : shownAt,
        };
    }

    [Fact]
    public async Task Summary_counts_paused_apart_from_mrr_involuntary_churn_apart_from_cancellations_and_the_offers()
    {
        var summary = await fixture.Staff.GetFromJsonAsync<ReportSummary>("/staff/api/summary?from=2026-06&to=2026-06&currency=usd");

        // Billed: 500 + 1000. Paused: 700 + 300. Ended in June: one unpaid, two cancelled (May's unpaid is outside).
        Assert.Equal(1500, summary!.MrrCents);
        Assert.Equal(new KeepingFigures(PausedContributions: 2, PausedMonthlyCents: 1000, InvoluntaryChurn: 1, Cancellations: 2,
            OffersShown: 3, OffersAccepted: 1, CancelledAfterOffer: 1), summary.Keeping);
    }
}
