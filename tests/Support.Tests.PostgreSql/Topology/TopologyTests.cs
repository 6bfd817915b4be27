using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Support.Data.Email;
using Support.Data.Reminders;
using Support.Data.Supporters.Emails;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Support.Tests.Topology;

/// <summary>
/// Issue 11's topology, proven with real crashes: two instances on one PostgreSQL database behind nginx, the Stripe
/// emulator in its own process delivering through nginx to both. One instance is killed (SIGKILL) in the middle of
/// a webhook burst, of a reminder batch and of a burst of supporter emails, and started again each time.
/// </summary>
[Collection(ServiceProcess.Collection)]
public sealed partial class TopologyTests(ITestOutputHelper output)
{
    private const int Readers = 24;
    private const int Batch = 200;
    private const string StaffPassword = "Correct-Horse-Topology-42";

    [GeneratedRegex(@"/account/signin/[A-Za-z0-9_-]+")]
    private static partial Regex SignInLink();

    [Fact]
    public async Task Two_instances_behind_nginx_killed_mid_burst_keep_the_ledger_exact_send_every_email_and_share_sign_ins()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var staff = $"editor-{tag}@newsroom.example";
        // An operator's `staff add` at the same moment as the two starts: three processes migrating the empty database.
        await using var topology = await Topology.StartAsync(async started =>
        {
            var (exit, said) = await started.RunCommandAsync(StaffPassword, "staff", "add", staff, "--role", "Admin");
            Assert.True(exit == 0, said);
        });
        try
        {
            await RunAsync(topology, tag, staff);
        }
        finally
        {
            foreach (var line in topology.Output().TakeLast(150))
            {
                output.WriteLine(line);
            }
        }
    }

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Phase(string name) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {name}");

    private async Task RunAsync(Topology topology, string tag, string staff)
    {
        Phase("both instances up, staff account added");
        // Checkouts through nginx, four readers at a time, amounts of 3 to 26 in the site's currency.
        var readers = Enumerable.Range(0, Readers).Select(i => $"topology-{i:D2}-{tag}@example.org").ToList();
        await Parallel.ForEachAsync(readers.Select((email, i) => (email, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (reader, _) =>
        {
            using var browser = Browser(topology.Proxy.BaseAddress, new CookieContainer());
            await new ReaderJourney(browser).GiveMonthlyAsync((3 + reader.i).ToString(CultureInfo.InvariantCulture), reader.email);
        });
        await topology.Emulator.WaitForDeliveriesAsync();
        await Eventually.TrueAsync(async () => await CountAsync(topology, db => db.EmailDispatches.CountAsync(d => d.Kind == EmailKind.ThankYou && d.Status == EmailStatus.Sent)) == Readers,
            "a thank-you email sent to every reader", TimeSpan.FromSeconds(60));

        Phase("checkouts done");
        // Signed in through the first instance, as a supporter (emailed link) and as staff (a form from the first posted to the second).
        var cookies = new CookieContainer();
        using var first = Browser(topology.AddressOf(0), cookies);
        using var second = Browser(topology.AddressOf(1), cookies);
        await SignInAsSupporterAsync(topology, first, readers[0]);
        await SignInAsStaffAcrossAsync(first, second, staff);
        await AssertSignedInAsync(second, "on the other instance");

        Phase("signed in");
        // 1. A webhook burst: one renewal per subscription, held and then released at once; the first instance dies a quarter in.
        var subscriptions = await ListAsync(topology.Emulator.Stripe.V1.Subscriptions.ListAutoPagingAsync(new SubscriptionListOptions { Status = "all", Limit = 100 }));
        Assert.Equal(Readers, subscriptions.Count);
        await topology.Emulator.PauseDeliveriesAsync();
        foreach (var subscription in subscriptions)
        {
            await topology.Emulator.AdvanceAsync(subscription.Id);
        }
        var held = await topology.Emulator.DeliveryCountsAsync();
        await topology.Emulator.ResumeDeliveriesAsync();
        await Eventually.TrueAsync(async () => (await topology.Emulator.DeliveryCountsAsync()).Delivered >= held.Delivered + held.Pending / 4,
            "a quarter of the renewal webhooks delivered", TimeSpan.FromSeconds(60));
        var webhooksAtKill = await topology.Emulator.DeliveryCountsAsync();
        topology.Kill(0);
        Phase("killed instance 0 mid webhook burst");
        await topology.StartAsync(0);
        Phase("instance 0 restarted");
        await topology.Emulator.WaitForDeliveriesAsync();

        Phase("webhook burst done");
        // 2. A reminder batch; the second instance dies once it has sent 20.
        var reminders = Enumerable.Range(0, Batch).Select(i => $"reminder-{i:D3}-{tag}@example.org").ToList();
        var remindersAtKill = await KillMidBatchAsync(topology, 1, () => InsertRemindersAsync(topology, reminders),
            () => CountAsync(topology, db => db.Reminders.CountAsync(r => reminders.Contains(r.Email) && r.Status == EmailStatus.Sent)));

        Phase("reminder batch done");
        // 3. A burst of supporter emails, as a renewal day's webhooks commit them; the first instance dies once it has sent 20.
        var supporters = Enumerable.Range(0, Batch).Select(i => $"burst-{i:D3}-{tag}@example.org").ToList();
        var emailsAtKill = await KillMidBatchAsync(topology, 0, () => InsertSupporterEmailsAsync(topology, supporters),
            () => CountAsync(topology, db => db.EmailDispatches.CountAsync(d => supporters.Contains(d.Email!) && d.Status == EmailStatus.Sent)));

        Phase("supporter email burst done");
        // A second renewal round on the restarted pair, spread over both.
        foreach (var subscription in subscriptions)
        {
            await topology.Emulator.AdvanceAsync(subscription.Id);
        }
        await topology.Emulator.WaitForDeliveriesAsync();

        Phase("second renewal round done");
        var deliveries = await topology.Emulator.DeliveryCountsAsync();
        var webhooksBy = topology.Proxy.AnsweredBy("/stripe/webhook");
        var checkoutsBy = topology.Proxy.AnsweredBy("/support/checkout");
        output.WriteLine($"webhooks: {deliveries.Delivered} delivered, {deliveries.Failed} failed; answered by port {string.Join(", ", webhooksBy.Select(p => $"{p.Key}: {p.Value}"))}; " +
            $"kill 1 with {webhooksAtKill.Pending} of {held.Pending} renewal deliveries pending; checkouts by port {string.Join(", ", checkoutsBy.Select(p => $"{p.Key}: {p.Value}"))}");
        Assert.Equal(0, deliveries.Failed);
        Assert.True(webhooksAtKill.Pending > 0, "The kill should land in the middle of the webhook burst.");
        Assert.All(new[] { 0, 1 }, i => Assert.True(webhooksBy.GetValueOrDefault(topology.PortOf(i)) > 0 && checkoutsBy.GetValueOrDefault(topology.PortOf(i)) > 0,
            $"Instance {i} should have taken a share of the checkouts and webhooks."));

        // The ledger equals the emulator's records, invoice by invoice and subscription by subscription, to the cent.
        await AssertLedgerEqualsEmulatorAsync(topology, Readers * 3);

        // Every email arrived; none twice beyond the one in flight per sender of the killed instance, each marked as retried.
        AssertEachSentOnce(topology, readers, "thank-you", "Thank", 0, []);
        await using (var db = ServiceProcess.OpenDatabase(topology.DataDirectory))
        {
            var retriedReminders = await db.Reminders.Where(r => reminders.Contains(r.Email) && r.RecoveredAt != null).Select(r => r.Email).ToListAsync();
            var retriedEmails = await db.EmailDispatches.Where(d => supporters.Contains(d.Email!) && d.RecoveredAt != null).Select(d => d.Email!).ToListAsync();
            output.WriteLine($"reminder kill after {remindersAtKill} of {Batch} sent, {retriedReminders.Count} retried; " +
                $"supporter email kill after {emailsAtKill} of {Batch} sent, {retriedEmails.Count} retried");
            AssertEachSentOnce(topology, reminders, "reminder", null, Topology.SendersPerInstance, retriedReminders);
            AssertEachSentOnce(topology, supporters, "supporter email", null, Topology.SendersPerInstance, retriedEmails);
        }

        // Both sessions survived both restarts and work on either instance.
        await AssertSignedInAsync(first, "on the restarted first instance");
        await AssertSignedInAsync(second, "on the restarted second instance");
    }

    /// <summary>Queues the batch, kills the instance once its relay took 20 of it, starts it again, waits until all are sent.</summary>
    private async Task<int> KillMidBatchAsync(Topology topology, int instance, Func<Task> queue, Func<Task<int>> sent)
    {
        var before = topology.Smtp[instance].AcceptedCount;
        await queue();
        await Eventually.TrueAsync(() => Task.FromResult(topology.Smtp[instance].AcceptedCount - before >= 20),
            $"instance {instance} sending its share", TimeSpan.FromSeconds(60));
        topology.Kill(instance);
        var atKill = await sent();
        Assert.InRange(atKill, 20, Batch - 1);
        Phase($"killed instance {instance} after {atKill} sent");
        await topology.StartAsync(instance);
        Phase($"instance {instance} restarted");
        await Eventually.TrueAsync(async () => await sent() == Batch, "the whole batch recorded as sent", TimeSpan.FromSeconds(90));
        return atKill;
    }

    private void AssertEachSentOnce(Topology topology, List<string> emails, string what, string? subject, int bound, List<string> retried)
    {
        var received = emails.ToDictionary(e => e, e => topology.Received(e).Count(m => subject is null || m.Subject?.Contains(subject, StringComparison.Ordinal) == true));
        Assert.True(received.All(r => r.Value >= 1), $"Missing {what}: {string.Join(", ", received.Where(r => r.Value == 0).Select(r => r.Key))}");
        var twice = received.Where(r => r.Value > 1).Select(r => r.Key).ToList();
        output.WriteLine($"{what}s: {emails.Count} each received at least once, {twice.Count} twice (bound {bound}), {retried.Count} retried as possibly in flight");
        Assert.True(received.All(r => r.Value <= 2) && twice.Count <= bound,
            $"{twice.Count} {what}s went out twice (bound {bound}): {string.Join(", ", twice)}");
        Assert.All(twice, e => Assert.Contains(e, retried));
    }

    private static async Task AssertLedgerEqualsEmulatorAsync(Topology topology, int invoicesExpected)
    {
        var stripe = topology.Emulator.Stripe.V1;
        var invoices = await ListAsync(stripe.Invoices.ListAutoPagingAsync(new InvoiceListOptions { Limit = 100 }));
        var subscriptions = await ListAsync(stripe.Subscriptions.ListAutoPagingAsync(new SubscriptionListOptions { Status = "all", Limit = 100 }));
        await using var db = ServiceProcess.OpenDatabase(topology.DataDirectory);
        var payments = await db.Payments.AsNoTracking().Include(p => p.Contribution).ToListAsync();
        var contributions = await db.Contributions.AsNoTracking().ToListAsync();

        Assert.Equal(invoicesExpected, invoices.Count);
        Assert.Equal(
            invoices.Select(i => $"{i.Id} {i.Parent.SubscriptionDetails.SubscriptionId} {i.AmountPaid} {i.Currency} {i.Status}").Order(),
            payments.Select(p => $"{p.StripeInvoiceId} {p.Contribution.StripeSubscriptionId} {p.AmountCents} {p.Currency} {p.Status.ToString().ToLowerInvariant()}").Order());
        Assert.Equal(invoices.Sum(i => i.AmountPaid), payments.Sum(p => p.AmountCents));
        Assert.Equal(
            subscriptions.Select(s => $"{s.Id} {s.Items.Data.Sum(item => item.Price.UnitAmount * item.Quantity)} {s.Currency} {s.Status.Replace("_", "")}").Order(),
            contributions.Select(c => $"{c.StripeSubscriptionId} {c.AmountCents} {c.Currency} {c.Status.ToString().ToLowerInvariant()}").Order());
    }

    private async Task SignInAsSupporterAsync(Topology topology, HttpClient browser, string email)
    {
        Assert.Equal(HttpStatusCode.OK, (await AccountSteps.RequestLinkAsync(browser, email)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(topology.Received(email).Any(m => m.Subject?.StartsWith("Sign in", StringComparison.Ordinal) == true)),
            "the sign-in email", TimeSpan.FromSeconds(60));
        var link = SignInLink().Match(topology.Received(email).Last(m => m.Subject!.StartsWith("Sign in", StringComparison.Ordinal)).TextBody ?? "").Value;
        Assert.Equal(HttpStatusCode.SeeOther, (await AccountSteps.FollowLinkAsync(browser, link)).StatusCode);
        output.WriteLine($"supporter signed in through {browser.BaseAddress}");
    }

    /// <summary>The login form (and its antiforgery token) from one instance, posted to the other.</summary>
    private static async Task SignInAsStaffAcrossAsync(HttpClient from, HttpClient to, string email)
    {
        var page = await (await from.GetAsync("/staff/login")).ReadHtmlAsync();
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/staff/login']")!;
        var answer = await to.PostFormAsync("/staff/login", Forms.FieldsOf(form, new Dictionary<string, string> { ["Email"] = email, ["Password"] = StaffPassword }));
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
    }

    private static async Task AssertSignedInAsync(HttpClient browser, string where)
    {
        var account = await browser.GetStringAsync("/account");
        Assert.True(account.Contains("action=\"/account/signout\"", StringComparison.Ordinal), $"The supporter should be signed in {where}.");
        using var reports = await browser.GetAsync("/staff/reports");
        Assert.True(reports.StatusCode == HttpStatusCode.OK, $"Staff should be signed in {where}: {(int)reports.StatusCode} {reports.Headers.Location}");
    }

    private static HttpClient Browser(Uri address, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true }) { BaseAddress = address };

    private static Task InsertRemindersAsync(Topology topology, List<string> emails) => WriteAsync(topology, db =>
    {
        var now = DateTime.UtcNow;
        db.Reminders.AddRange(emails.Select(email => new Reminder
        {
            Email = email, UnsubscribeToken = Support.Web.Reminders.ReminderSignup.NewToken(), Status = EmailStatus.Pending,
            DueAt = now.AddSeconds(-1), CreatedAt = now, UpdatedAt = now,
        }));
    });

    private static Task InsertSupporterEmailsAsync(Topology topology, List<string> emails) => WriteAsync(topology, db =>
    {
        var now = DateTime.UtcNow;
        db.EmailDispatches.AddRange(emails.Select(e => new EmailDispatch
        {
            Kind = EmailKind.ThankYou, Key = "in_" + e, Email = e, AmountCents = 500, Currency = "usd",
            Status = EmailStatus.Pending, DueAt = now, CreatedAt = now, UpdatedAt = now,
        }));
    });

    private static async Task WriteAsync(Topology topology, Action<Support.Data.SupportDbContext> change)
    {
        await using var db = ServiceProcess.OpenDatabase(topology.DataDirectory);
        change(db);
        await db.SaveChangesAsync();
    }

    private static async Task<int> CountAsync(Topology topology, Func<Support.Data.SupportDbContext, Task<int>> count)
    {
        await using var db = ServiceProcess.OpenDatabase(topology.DataDirectory);
        return await count(db);
    }

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
