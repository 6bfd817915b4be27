using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Support.Data.Supporters;
using Support.Web.Email;
using Support.Web.Embed;
using Support.Web.Experiments;
using Support.Web.Prompt;
using Support.Web.Stripe;

namespace Support.Web.Checkout;

/// <summary>Validates a gift and opens a Stripe Checkout Session for it.</summary>
public sealed class CheckoutService(
    IStripeGateway stripe,
    StripeProductStore products,
    IOptions<PromptOptions> prompt,
    IOptions<StripeOptions> stripeOptions,
    IOptions<SiteOptions> site)
{
    /// <summary>
    /// <paramref name="variant"/>: the running experiment's variant the prompt showed, credited in the session's metadata.
    /// <paramref name="publisherPage"/>: the embed's page (an allowed origin's), where success and cancel lead back to.
    /// </summary>
    public async Task<CheckoutResult> StartAsync(
        CheckoutForm form, string articleSlug, VariantCopy? variant, Uri? publisherPage, CancellationToken ct)
    {
        var options = prompt.Value;
        var currency = stripeOptions.Value.Currency;
        if (GiftFrequencies.Parse(form.Frequency) is not { } frequency)
        {
            return CheckoutResult.Invalid("Choose how often to give: monthly, every year, or once.");
        }
        var limits = options.For(frequency);
        var amount = AmountParser.Parse(form.ChosenAmount, limits.MinimumCents, limits.MaximumCents, currency, frequency);
        if (!amount.IsValid)
        {
            return CheckoutResult.Invalid(amount.Error!);
        }
        if (form.IsPreset && !limits.Presets.Contains(amount.Cents) && IsPresetOfAnotherFrequency(options, frequency, amount.Cents))
        {
            // Without JavaScript the amounts shown change with the frequency, but a button chosen before stays chosen.
            return CheckoutResult.Invalid($"Choose the amount of your {GiftFrequencies.Adjective(frequency)} gift: the amounts changed with how often you give.");
        }
        var email = form.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && !EmailAddresses.IsValid(email))
        {
            return CheckoutResult.Invalid("That email address does not look right. Check it, or leave the field empty.");
        }

        var productId = await products.GetProductIdAsync(ct);
        var request = new CheckoutSessionRequest(
            productId,
            amount.Cents,
            currency,
            string.IsNullOrEmpty(email) ? null : email,
            articleSlug,
            // From Site:PublicBaseUrl, never the request's Host header: Stripe sends the payer back to these.
            new Uri(site.Value.Link(publisherPage is null
                ? "/support/thanks?session_id={CHECKOUT_SESSION_ID}"
                : "/embed/return?session_id={CHECKOUT_SESSION_ID}&to=" + EmbedPages.Encode(publisherPage))),
            publisherPage ?? new Uri(site.Value.Link(articleSlug.Length == 0 ? "/support" : $"/articles/{articleSlug}")),
            variant?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            frequency);
        var session = await stripe.CreateCheckoutSessionAsync(request, IdempotencyKey(form, frequency, amount.Cents, articleSlug), ct);
        return CheckoutResult.Redirect(session.Url);
    }

    private static bool IsPresetOfAnotherFrequency(PromptOptions options, GiftFrequency chosen, long cents) =>
        GiftFrequencies.All.Where(f => f != chosen).Any(f => options.For(f).Presets.Contains(cents));

    /// <summary>Same form, same frequency and amount → same key, so a double click opens one session, not two.</summary>
    private static string IdempotencyKey(CheckoutForm form, GiftFrequency frequency, long cents, string slug)
    {
        var token = string.IsNullOrWhiteSpace(form.FormToken) ? Guid.NewGuid().ToString("N") : form.FormToken;
        var material = $"{token}|{GiftFrequencies.FormValue(frequency)}|{cents}|{slug}|{EmailAddresses.Normalise(form.Email)}";
        return "checkout-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..40];
    }
}

public sealed record CheckoutResult(Uri? RedirectTo, string? Error)
{
    public static CheckoutResult Redirect(Uri url) => new(url, null);
    public static CheckoutResult Invalid(string error) => new(null, error);
}
