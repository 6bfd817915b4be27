using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Support.Data.Supporters;
using Support.Web.Checkout;
using Support.Web.Email;
using Support.Web.Stripe;

namespace Support.Web.Keeping;

/// <summary>
/// Win-back: a new Checkout for an ended contribution's amount, currency and frequency, for the supporter's email, in
/// one click from the account page or a could-not-collect email. The webhooks then record a new contribution.
/// </summary>
public sealed class RestartCheckout(IStripeGateway stripe, StripeProductStore products, IOptions<SiteOptions> site)
{
    /// <summary>Metadata "article" of a restarted gift when the first one came from no article (reports group by it).</summary>
    public const string AccountSource = "account-restart";

    public static bool CanRestart(Contribution contribution) =>
        contribution.Frequency != GiftFrequency.Once
        && contribution.Status is ContributionStatus.Canceled or ContributionStatus.IncompleteExpired or ContributionStatus.Unpaid;

    /// <summary><paramref name="requestKey"/> names the click (form token or link): the same click opens one session.</summary>
    public async Task<Uri> StartAsync(Contribution contribution, string email, string requestKey, CancellationToken ct)
    {
        var productId = await products.GetProductIdAsync(ct);
        var article = contribution.ArticleSlug ?? AccountSource;
        var request = new CheckoutSessionRequest(productId, contribution.AmountCents, contribution.Currency, email, article,
            new Uri(site.Value.Link("/support/thanks?session_id={CHECKOUT_SESSION_ID}")),
            new Uri(site.Value.Link("/account")), Frequency: contribution.Frequency);
        var material = $"restart|{contribution.StripeSubscriptionId}|{requestKey}";
        var key = "restart-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..40];
        return (await stripe.CreateCheckoutSessionAsync(request, key, ct)).Url;
    }
}
