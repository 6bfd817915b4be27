using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Support.Tests.Infrastructure;

/// <summary>A reader going through the prompt and the emulator's hosted checkout, one HTTP request at a time.</summary>
public sealed class ReaderJourney(HttpClient browser)
{
    public const string ArticleSlug = "putin-criticizes-us-counterterrorism-cooperation";
    public const string ArticlePath = "/articles/" + ArticleSlug;

    /// <summary>Posts the article's prompt form with the given fields changed; returns the raw answer.</summary>
    public async Task<HttpResponseMessage> SubmitPromptAsync(IDictionary<string, string> overrides, string articlePath = ArticlePath)
    {
        var form = await PromptFormAsync(articlePath);
        return await browser.PostFormAsync("/support/checkout", Forms.FieldsOf(form, overrides));
    }

    private async Task<IHtmlFormElement> PromptFormAsync(string articlePath)
    {
        var page = await (await browser.GetAsync(articlePath)).ReadHtmlAsync();
        return page.QuerySelector<IHtmlFormElement>("form[action='/support/checkout']")
            ?? throw new InvalidOperationException("The article shows no support prompt.");
    }

    /// <summary>As a reader chooses an amount: its button when the frequency offers one, else "Other" and the amount typed.</summary>
    private static Dictionary<string, string> AmountChoice(IHtmlFormElement form, string frequency, string amount) =>
        form.QuerySelectorAll<IHtmlInputElement>($".prompt__amounts[data-frequency='{frequency}'] input[name=amount]").Any(i => i.Value == amount)
            ? new() { ["frequency"] = frequency, ["amount"] = amount }
            : new() { ["frequency"] = frequency, ["amount"] = "other", ["customAmount"] = amount };

    /// <summary>Chooses an amount, pays on the emulator's page with the card, and lands on the thank-you page.</summary>
    public Task<CompletedCheckout> GiveMonthlyAsync(string amount, string email, string card = "4242 4242 4242 4242") =>
        GiveAsync("month", amount, email, card);

    /// <summary>As <see cref="GiveMonthlyAsync"/>, for a frequency: <c>once</c>, <c>month</c> or <c>year</c>.</summary>
    public async Task<CompletedCheckout> GiveAsync(string frequency, string amount, string email, string card = "4242 4242 4242 4242")
    {
        var form = await PromptFormAsync(ArticlePath);
        var choice = AmountChoice(form, frequency, amount);
        choice["email"] = email;
        var checkout = await browser.PostFormAsync("/support/checkout", Forms.FieldsOf(form, choice));
        Assert.Equal(HttpStatusCode.SeeOther, checkout.StatusCode);
        var paymentPage = checkout.Headers.Location!;

        var payment = await PayAsync(paymentPage, email, card);
        Assert.Equal(HttpStatusCode.SeeOther, payment.StatusCode);
        var thanksUrl = payment.Headers.Location!;
        var thanks = await browser.GetAsync(thanksUrl);
        var sessionId = paymentPage.Segments[^1];
        return new CompletedCheckout(sessionId, thanks, await thanks.Content.ReadAsStringAsync());
    }

    /// <summary>Fills the emulator's hosted checkout form.</summary>
    public async Task<HttpResponseMessage> PayAsync(Uri paymentPage, string email, string card)
    {
        var page = await (await browser.GetAsync(paymentPage)).ReadHtmlAsync();
        var form = page.QuerySelector<IHtmlFormElement>("form") ?? throw new InvalidOperationException("No payment form.");
        var fields = Forms.FieldsOf(form, new Dictionary<string, string>
        {
            ["email"] = email,
            ["cardNumber"] = card,
            ["expiry"] = "12/34",
            ["cvc"] = "123",
            ["name"] = "Test Reader",
        });
        if (card.Replace(" ", "", StringComparison.Ordinal) == "4000002760003184")
        {
            // The 3-D Secure card: the payer completes the emulator's authentication step at once.
            fields["three_d_secure"] = "complete";
        }
        return await browser.PostFormAsync(paymentPage.ToString(), fields);
    }
}

public sealed record CompletedCheckout(string SessionId, HttpResponseMessage ThanksResponse, string ThanksHtml);
