using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Staff;
using Support.Data.Stripe;
using Support.Data.Supporters;
using Support.StripeEmulator;
using Support.StripeEmulator.Webhooks;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;
using Support.Web.Commands;
using Support.Web.Stripe;

namespace Support.Tests.Reconciliation;

/// <summary>
/// Half of Stripe's webhooks never arrive while readers give, renew, are refunded and leave; the <c>reconcile</c>
/// command then reads Stripe's event list and applies what was missed through the webhooks' own write path.
/// </summary>
public sealed class ReconciliationTests(ReconciliationTests.History app) : IClassFixture<ReconciliationTests.History>
{
    public sealed class History : SupportAppFactory, IAsyncLifetime
    {
        public string RefundedInvoice { get; private set; } = "";

        /// <summary>The ledger as the webhooks that did arrive left it, before any reconciliation.</summary>
        public string LedgerBeforeReconcile { get; private set; } = "";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The same drops every run.
            builder.ConfigureTestServices(services => services.Configure<StripeEmulatorOptions>(o => o.DeliverySeed = 17));
        }

        public async Task InitializeAsync()
        {
            Emulator.DropDeliveries(0.5);
            await GiveAsync("5", "steady@example.org");
            await GiveAsync("12.50", "renewal.fails@example.org", "4000 0000 0000 0341");
            await GiveAsync("2", "leaves@example.org");
            await GiveAsync("7", "twice@example.org");
            var stripe = Services.GetRequiredService<IStripeGateway>();
            var subscriptions = new Dictionary<string, string>();
            await foreach (var subscription in stripe.ListSubscriptionsAsync(DateTime.UnixEpoch, CancellationToken.None))
            {
                subscriptions[subscription.CustomerEmail ?? await EmailOfAsync(subscription.Id)] = subscription.Id;
            }
            var steady = await Emulator.AdvanceMonthAsync(subscriptions["steady@example.org"]);
            await Emulator.AdvanceMonthAsync(subscriptions["twice@example.org"]);
            await Emulator.AdvanceMonthAsync(subscriptions["twice@example.org"]);
            var failed = await Emulator.AdvanceMonthAsync(subscriptions["renewal.fails@example.org"]);
            await Emulator.PayInvoiceAsync(failed);
            await Emulator.RefundInvoiceAsync(steady, 200);
            RefundedInvoice = steady;
            await Emulator.CancelSubscriptionAsync(subscriptions["leaves@example.org"]);
            await Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
            LedgerBeforeReconcile = await LedgerRecordsAsync(this);
        }

        private async Task<string> EmailOfAsync(string subscriptionId) =>
            (await Services.GetRequiredService<IStripeGateway>().GetSubscriptionAsync(subscriptionId, CancellationToken.None))!.CustomerEmail!;

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private async Task GiveAsync(string amount, string email, string card = "4242 4242 4242 4242")
        {
            using var browser = CreateBrowserClient();
            await new ReaderJourney(browser).GiveMonthlyAsync(amount, email, card);
        }

        public async Task<(int Exit, string Output)> ReconcileAsync(params string[] args)
        {
            var output = new StringWriter();
            var exit = await CommandLine.RunAsync(Services, ["reconcile", .. args], TextReader.Null, output, CancellationToken.None);
            return (exit, output.ToString());
        }
    }

    /// <summary>Stripe's records as the ledger should hold them: every subscription invoice and subscription, in cents.</summary>
    private async Task<string> StripeRecordsAsync()
    {
        var stripe = app.Services.GetRequiredService<IStripeGateway>();
        var lines = new List<string>();
        await foreach (var invoice in stripe.ListInvoicesAsync(DateTime.UnixEpoch, CancellationToken.None))
        {
            var paid = invoice.Status == "paid";
            lines.Add($"payment {invoice.Id} {invoice.SubscriptionId} {(paid ? "Paid" : "Failed")} {(paid ? invoice.AmountPaidCents : invoice.AmountDueCents)} {invoice.Currency}" +
                $" refunded {(invoice.Id == app.RefundedInvoice ? 200 : 0)}");
        }
        await foreach (var subscription in stripe.ListSubscriptionsAsync(DateTime.UnixEpoch, CancellationToken.None))
        {
            lines.Add($"contribution {subscription.Id} {Support.Web.Stripe.StripeStatuses.Subscription(subscription.Status)} {subscription.AmountCents} {subscription.Currency}");
        }
        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }

    private Task<string> LedgerRecordsAsync() => LedgerRecordsAsync(app);

    private static Task<string> LedgerRecordsAsync(History app) => app.QueryAsync(async db =>
    {
        var payments = await db.Payments.AsNoTracking().Select(p => $"payment {p.StripeInvoiceId} {p.Contribution.StripeSubscriptionId} {p.Status} {p.AmountCents} {p.Currency} refunded {p.RefundedCents}").ToListAsync();
        var contributions = await db.Contributions.AsNoTracking().Select(c => $"contribution {c.StripeSubscriptionId} {c.Status} {c.AmountCents} {c.Currency}").ToListAsync();
        return string.Join('\n', payments.Concat(contributions).Order(StringComparer.Ordinal));
    });

    [Fact]
    public async Task After_reconcile_the_ledger_equals_stripe_to_the_cent_and_a_second_run_changes_nothing()
    {
        // Some events of handled types were never delivered, and the ledger shows it.
        Assert.Contains(app.Emulator.Deliveries, d => d.Status == WebhookDeliveryStatus.Dropped
            && Support.Web.Stripe.Webhooks.StripeEventHandlers.Handles(app.Emulator.Events.Single(e => e.Id == d.EventId).Type));
        var expected = await StripeRecordsAsync();
        Assert.NotEqual(expected, app.LedgerBeforeReconcile);

        var (exit, output) = await app.ReconcileAsync();

        Assert.True(exit == 0, output);
        Assert.Equal(expected, await LedgerRecordsAsync());
        var run = await app.QueryAsync(db => db.ReconciliationRuns.AsNoTracking().OrderBy(r => r.Id).LastAsync());
        Assert.Equal(0, run.Differences);
        // Whichever test reconciled first healed the missed events, each once.
        var runs = await app.QueryAsync(db => db.ReconciliationRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        Assert.True(runs[0].EventsApplied > 0);
        Assert.Equal(runs.Sum(r => r.EventsApplied), await app.QueryAsync(db => db.ProcessedStripeEvents.CountAsync(e => e.Source == StripeEventSource.Reconciliation)));

        var before = await app.QueryAsync(LedgerSnapshot.TakeAsync);
        var (secondExit, secondOutput) = await app.ReconcileAsync();
        var second = await app.QueryAsync(db => db.ReconciliationRuns.AsNoTracking().OrderBy(r => r.Id).LastAsync());

        Assert.True(secondExit == 0, secondOutput);
        Assert.Equal(0, second.EventsApplied);
        Assert.True(second.From >= run.From && second.From > DateTime.UtcNow.AddHours(-1), "The second run starts from the point the first reached.");
        Assert.Equal(before, await app.QueryAsync(LedgerSnapshot.TakeAsync));
        Assert.Equal(expected, await LedgerRecordsAsync());
        // The month totals followed every change webhooks and reconciliation made.
        Assert.Equal(await app.QueryAsync(Support.Tests.Reports.MonthTotalsTests.FromScratchAsync),
            await app.QueryAsync(Support.Tests.Reports.MonthTotalsTests.KeptAsync));
    }

    [Fact]
    public async Task A_ledger_amount_changed_by_hand_is_reported_as_a_difference_to_staff_and_left_alone()
    {
        await app.ReconcileAsync("--since", "2020-01-01");
        var payment = await app.QueryAsync(db => db.Payments.AsNoTracking().OrderBy(p => p.Id).FirstAsync(p => p.Status == PaymentStatus.Paid));
        await app.QueryAsync(db => db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.AmountCents, p => p.AmountCents + 1)));
        try
        {
            var (exit, output) = await app.ReconcileAsync("--since", "2020-01-01");

            Assert.Equal(0, exit);
            Assert.Contains($"PaymentDiffers {payment.StripeInvoiceId}", output);
            Assert.Equal(payment.AmountCents + 1, await app.QueryAsync(db => db.Payments.Where(p => p.Id == payment.Id).Select(p => p.AmountCents).SingleAsync()));
            await app.CreateAccountAsync("reconcile.staff@example.org", StaffRoles.Staff);
            using var staff = await app.SignedInBrowserAsync("reconcile.staff@example.org");
            var page = await staff.GetAsync("/staff/reconciliation");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains(payment.StripeInvoiceId, html);
            Assert.Contains("data-kind=\"PaymentDiffers\"", html);
        }
        finally
        {
            await app.QueryAsync(db => db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.AmountCents, payment.AmountCents)));
        }
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--since", "2026-13-01")]
    [InlineData("--until", "2026-01-01")]
    public async Task Reconcile_with_a_bad_argument_says_what_it_expects_and_reads_nothing(string option, string value)
    {
        var runs = await app.QueryAsync(db => db.ReconciliationRuns.CountAsync());

        var (exit, output) = await app.ReconcileAsync(option, value);

        Assert.Equal(2, exit);
        Assert.True(output.Contains("--since must be a UTC date", StringComparison.Ordinal) || output.Contains("reconcile [--since", StringComparison.Ordinal), output);
        Assert.Equal(runs, await app.QueryAsync(db => db.ReconciliationRuns.CountAsync()));
    }
}
