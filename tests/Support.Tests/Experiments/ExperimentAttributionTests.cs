using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Experiments;

/// <summary>From the variant a reader saw, through Checkout's metadata and the webhook path, to the results.</summary>
public sealed class ExperimentAttributionTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Fact]
    public async Task A_gift_is_credited_to_the_variant_the_reader_saw()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var experiment = await ExperimentIdAsync(admin);
        using var reader = app.CreateBrowserClient();
        var (heading, variant) = await reader.PromptAsync();
        Assert.NotNull(variant);

        var shown = heading == "Heading B" ? "B" : "A";
        var other = shown == "A" ? "B" : "A";
        var before = await app.ResultsAsync(admin, experiment);

        await new ReaderJourney(reader).GiveMonthlyAsync("5", "variant.reader@example.org");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

        var contribution = await app.QueryAsync(db => db.Contributions.Include(c => c.Supporter)
            .SingleAsync(c => c.Supporter.Email == "variant.reader@example.org"));
        Assert.Equal(long.Parse(variant, System.Globalization.CultureInfo.InvariantCulture), contribution.ExperimentVariantId);
        var results = await app.ResultsAsync(admin, experiment);
        Assert.Equal(1, Delta(before.Variant(shown), results.Variant(shown), "gifts"));
        Assert.Equal(1, Delta(before.Variant(shown), results.Variant(shown), "checkoutStarts"));
        Assert.Equal(500, Delta(before.Variant(shown), results.Variant(shown), "revenueCents"));
        Assert.Equal(500, Delta(before.Variant(shown), results.Variant(shown), "mrrCents"));
        Assert.Equal(0, Delta(before.Variant(other), results.Variant(other), "gifts"));
        Assert.Equal(0, Delta(before.Variant(other), results.Variant(other), "revenueCents"));
    }

    [Fact]
    public async Task A_one_time_gift_is_credited_to_the_variant_and_adds_revenue_but_no_mrr()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var experiment = await ExperimentIdAsync(admin);
        using var reader = app.CreateBrowserClient();
        var (heading, variant) = await reader.PromptAsync();
        var shown = heading == "Heading B" ? "B" : "A";
        var before = (await app.ResultsAsync(admin, experiment)).Variant(shown);

        await new ReaderJourney(reader).GiveAsync("once", "25", "variant.once@example.org");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

        var contribution = await app.QueryAsync(db => db.Contributions.Include(c => c.Supporter)
            .SingleAsync(c => c.Supporter.Email == "variant.once@example.org"));
        Assert.Equal(long.Parse(variant!, System.Globalization.CultureInfo.InvariantCulture), contribution.ExperimentVariantId);
        var after = (await app.ResultsAsync(admin, experiment)).Variant(shown);
        Assert.Equal(1, Delta(before, after, "gifts"));
        Assert.Equal(2500, Delta(before, after, "revenueCents"));
        Assert.Equal(0, Delta(before, after, "mrrCents"));
    }

    [Fact]
    public async Task A_variant_the_browser_was_not_assigned_gets_no_credit_when_the_form_is_edited_to_name_it()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var experiment = await ExperimentIdAsync(admin);
        using var reader = app.CreateBrowserClient();
        var (heading, _) = await reader.PromptAsync();
        var other = heading == "Heading B" ? "A" : "B";
        var before = (await app.ResultsAsync(admin, experiment)).Variant(other);
        var forged = before.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var checkout = await new ReaderJourney(reader).SubmitPromptAsync(new Dictionary<string, string>
        {
            ["frequency"] = "month", ["amount"] = "5", ["email"] = "variant.forged@example.org", ["variant"] = forged,
        });
        await new ReaderJourney(reader).PayAsync(checkout.Headers.Location!, "variant.forged@example.org", "4242 4242 4242 4242");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

        var contribution = await app.QueryAsync(db => db.Contributions.Include(c => c.Supporter)
            .SingleAsync(c => c.Supporter.Email == "variant.forged@example.org"));
        var after = (await app.ResultsAsync(admin, experiment)).Variant(other);
        Assert.Equal(HttpStatusCode.SeeOther, checkout.StatusCode);
        Assert.Null(contribution.ExperimentVariantId);
        Assert.Equal(0, Delta(before, after, "checkoutStarts"));
        Assert.Equal(0, Delta(before, after, "gifts"));
    }

    private static long Delta(System.Text.Json.JsonElement before, System.Text.Json.JsonElement after, string property) =>
        after.GetProperty(property).GetInt64() - before.GetProperty(property).GetInt64();

    [Fact]
    public async Task Closing_and_remind_me_later_are_counted_for_the_variant_shown()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        using var reader = app.CreateBrowserClient();
        var before = await ExperimentIdAsync(admin);
        var (heading, _) = await reader.PromptAsync();
        var page = await (await reader.GetAsync(ReaderJourney.ArticlePath)).ReadHtmlAsync();
        var later = page.QuerySelector(".prompt__later a")!.GetAttribute("href")!;
        var dismiss = Forms.FieldsOf(page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#prompt-dismiss-form")!, null);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(later)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reader.PostFormAsync("/prompt/dismiss", dismiss)).StatusCode);

        var results = await app.ResultsAsync(admin, before);
        var shown = results.Variant(heading == "Heading B" ? "B" : "A");
        Assert.Equal(1, shown.GetProperty("reminders").GetInt64());
        Assert.Equal(1, shown.GetProperty("dismissals").GetInt64());
        Assert.DoesNotContain("support-prompt", await reader.GetStringAsync(ReaderJourney.ArticlePath));
    }

    /// <summary>The class's one experiment, for all articles (created by whichever test runs first).</summary>
    private async Task<long> ExperimentIdAsync(HttpClient admin)
    {
        await Created.WaitAsync();
        try
        {
            _experimentId ??= (await admin.CreateAsync(ExperimentSteps.TwoHeadings("Counts"))).Id();
            return _experimentId.Value;
        }
        finally
        {
            Created.Release();
        }
    }

    private static readonly SemaphoreSlim Created = new(1, 1);
    private static long? _experimentId;
}
