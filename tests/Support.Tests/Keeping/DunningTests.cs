using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Support.Data.Account;
using Support.Data.Supporters.Emails;
using Support.Data.Email;
using Support.Data.Supporters;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Keeping;

/// <summary>
/// Issue 16, failed payments: one email per failed invoice with a one-click card update, and the past-due notice. The
/// payment-failed email's hold passes when a test moves the clock, once the webhooks it waits for are applied.
/// </summary>
public sealed class DunningTests(ClockedAccountApp app) : IClassFixture<ClockedAccountApp>
{
    private const string PaymentFailed = "Your payment to The Moscow Times did not go through";
    private const string ConfirmPayment = "Please confirm your payment to The Moscow Times";

    [Fact]
    public async Task Payment_failed_email_waits_out_its_hold_says_the_amount_and_the_next_try_and_is_sent_once_through_retries_redeliveries_and_reruns()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5", card: "4000 0000 0000 0341");

        var invoiceId = await app.Emulator.AdvanceMonthAsync(contribution.StripeSubscriptionId!);
        await app.Emulator.RetryInvoicePaymentAsync(invoiceId);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        var held = await app.PassPaymentFailedHoldAsync(email);
        var failed = await app.WaitForSubjectAsync(email, PaymentFailed);
        foreach (var stripeEvent in app.Emulator.Events.Where(e => e.Type.StartsWith("invoice.", StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.PostEventAsync(stripeEvent.Payload)).StatusCode);
        }
        var rows = await app.RunEveryJobAgainAsync(email);

        Assert.Equal(EmailStatus.Pending, held.Status);
        Assert.Single(app.SubjectsFor(email), s => s == PaymentFailed);
        Assert.Single(rows, d => d.Kind == EmailKind.PaymentFailed && d.Key == invoiceId && d.Status == EmailStatus.Sent);
        Assert.Contains("$5.00", failed.TextBody);
        Assert.Matches(@"We will try again on [A-Z][a-z]+ \d{1,2}, \d{4}\.", failed.TextBody);
        Assert.Matches($"{app.PublicBaseUrl}/account/card/[A-Za-z0-9_-]{{43}}", failed.TextBody);
    }

    [Fact]
    public async Task Card_update_link_signs_in_and_opens_the_portals_card_form_once_and_the_saved_card_ends_the_dunning()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5", card: "4000 0000 0000 0341");
        var invoiceId = await app.Emulator.AdvanceMonthAsync(contribution.StripeSubscriptionId!);
        await app.PassPaymentFailedHoldAsync(email);
        var link = KeepingSteps.LinkIn(await app.WaitForSubjectAsync(email, PaymentFailed));

        var opened = await KeepingSteps.OpenActionLinkAsync(browser, link);
        var portal = await (await browser.GetAsync(opened.Headers.Location)).ReadHtmlAsync();
        var cardForm = portal.QuerySelector<IHtmlFormElement>("form[action$='/payment-method']")!;
        var saved = await browser.PostFormAsync(cardForm.GetAttribute("action")!, Forms.FieldsOf(cardForm, new Dictionary<string, string> { ["cardNumber"] = "4242424242424242" }));
        using var other = app.CreateBrowserClient();
        var again = await KeepingSteps.OpenActionLinkAsync(other, link);
        // Back from the card update, still past due until the next try: the page says the card is updated, not that it failed.
        var updated = (await (await browser.GetAsync("/account?done=card")).ReadHtmlAsync()).QuerySelector($"#contribution-{contribution.Id} .past-due[role='status']");
        await app.Emulator.RetryInvoicePaymentAsync(invoiceId);
        var recovered = await app.WaitForContributionAsync(email, c => c.Status == ContributionStatus.Active);
        var account = await (await browser.GetAsync("/account")).ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        Assert.Contains("/stripe-emulator/portal/", opened.Headers.Location!.ToString());
        Assert.NotNull(cardForm);
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal($"{app.PublicBaseUrl}/account?done=card", saved.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Your card is updated", updated!.TextContent);
        Assert.DoesNotContain("did not go through", updated.TextContent);
        Assert.Contains($"Signed in as {email}", account.Body!.TextContent);
        Assert.Null(account.QuerySelector(".past-due"));
        Assert.Equal(ContributionStatus.Active, recovered.Status);
        Assert.Single(app.SubjectsFor(email), s => s == PaymentFailed);
    }

    [Fact]
    public async Task Card_update_link_is_refused_after_it_expires_and_does_not_work_as_a_sign_in_link()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5", card: "4000 0000 0000 0341");
        await app.Emulator.AdvanceMonthAsync(contribution.StripeSubscriptionId!);
        await app.PassPaymentFailedHoldAsync(email);
        var link = KeepingSteps.LinkIn(await app.WaitForSubjectAsync(email, PaymentFailed));
        var token = link[(link.LastIndexOf('/') + 1)..];
        var issued = await app.QueryAsync(db => db.SignInTokens.AsNoTracking().SingleAsync(t => t.TokenHash == Web.Account.SignInLinks.Hash(token)));

        var asSignIn = await FollowLinkAsync(browser, $"/account/signin/{token}");
        await app.QueryAsync(db => db.SignInTokens.Where(t => t.TokenHash == issued.TokenHash)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, app.Time.GetUtcNow().UtcDateTime.AddSeconds(-1))));
        var expired = await KeepingSteps.OpenActionLinkAsync(browser, link);

        Assert.Equal((LinkPurpose.CardUpdate, contribution.StripeSubscriptionId, TimeSpan.FromDays(7)),
            (issued.Purpose, issued.StripeSubscriptionId, issued.ExpiresAt - issued.CreatedAt));
        Assert.Equal(HttpStatusCode.Gone, asSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired or has already been used", (await expired.ReadHtmlAsync()).Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);
        Assert.Null((await (await browser.GetAsync("/account")).ReadHtmlAsync()).QuerySelector(".contribution"));
    }

    [Fact]
    public async Task Account_page_shows_a_past_due_notice_whose_button_opens_the_card_update()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5", card: "4000 0000 0000 0341");
        await app.Emulator.AdvanceMonthAsync(contribution.StripeSubscriptionId!);
        await app.WaitForContributionAsync(email, c => c.Status == ContributionStatus.PastDue);
        await app.SignInAsync(browser, email);

        var page = await (await browser.GetAsync("/account")).ReadHtmlAsync();
        var update = await SubmitAsync(browser, "/account/update-card", contribution.Id);
        var portal = await (await browser.GetAsync(update.Headers.Location)).ReadHtmlAsync();

        Assert.Contains("Your last payment did not go through", page.QuerySelector($"#contribution-{contribution.Id} .past-due[role='alert']")!.TextContent);
        Assert.Equal(HttpStatusCode.SeeOther, update.StatusCode);
        Assert.NotNull(portal.QuerySelector("form[action$='/payment-method']"));
    }

    [Fact]
    public async Task Renewal_needing_3d_secure_gets_one_confirm_email_with_the_hosted_invoice_page_and_no_payment_failed_email()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5", card: "4000 0027 6000 3184");

        var invoiceId = await app.Emulator.AdvanceMonthAsync(contribution.StripeSubscriptionId!);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        var confirm = await app.WaitForSubjectAsync(email, ConfirmPayment);
        await app.PassPaymentFailedHoldAsync(email);
        foreach (var stripeEvent in app.Emulator.Events.Where(e => e.Type.StartsWith("invoice.", StringComparison.Ordinal)))
        {
            await browser.PostEventAsync(stripeEvent.Payload);
        }
        var rows = await app.RunEveryJobAgainAsync(email);

        const string firstReceipt = "Your receipt from The Moscow Times: $5.00";
        Assert.Equal([ConfirmPayment], app.SubjectsFor(email).Where(s => s != "Thank you for supporting The Moscow Times" && s != firstReceipt));
        Assert.Single(app.SubjectsFor(email), firstReceipt);
        Assert.Contains($"/stripe-emulator/invoice/{invoiceId}", confirm.TextBody);
        Assert.Single(rows, d => d.Kind == EmailKind.PaymentFailed && d.Status == EmailStatus.Skipped);
    }
}
