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

        await new ReaderJourney(reader).GiveMonthlyAsync("5", "variant.reader@example.org");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

        var contribution = await app.QueryAsync(db => db.Contributions.Include(c => c.Supporter)
            .SingleAsync(c => c.Supporter.Email == "variant.reader@example.org"));
        Assert.Equal(long.Parse(variant, System.Globalization.CultureInfo.InvariantCulture), contribution.ExperimentVariantId);
        var results = await app.ResultsAsync(admin, experiment);
        var shown = heading == "Heading B" ? "B" : "A";
        var other = shown == "A" ? "B" : "A";
        Assert.Equal(1, results.Variant(shown).GetProperty("gifts").GetInt64());
        Assert.Equal(1, results.Variant(shown).GetProperty("checkoutStarts").GetInt64());
        Assert.Equal(500, results.Variant(shown).GetProperty("revenueCents").GetInt64());
        Assert.Equal(500, results.Variant(shown).GetProperty("mrrCents").GetInt64());
        Assert.Equal(0, results.Variant(other).GetProperty("gifts").GetInt64());
        Assert.Equal(0, results.Variant(other).GetProperty("revenueCents").GetInt64());
    }

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
