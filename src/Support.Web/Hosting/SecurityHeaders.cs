using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;
using Support.Web.Email;
using Support.Web.Embed;
using Support.Web.Stripe;

namespace Support.Web.Hosting;

/// <summary>
/// The headers on every answer (NetEscapades.AspNetCore.SecurityHeaders): a strict Content-Security-Policy (scripts
/// and styles from this site only, the one inline script by its hash, forms on to Stripe's hosted pages only, no
/// framing unless the publisher frames us), nosniff, a referrer policy and a permissions policy; personal pages
/// (account, staff, thank-you, reminder links) are never stored by a browser or proxy.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The only inline script: marks the page as scripted before the first paint (CSS hides the banner otherwise).</summary>
    public const string InlineScript = "document.documentElement.className = 'js';";

    private const string Personal = "personal";
    private const string Relaxed = "relaxed";
    private static readonly string[] StripeHostedPages = ["https://checkout.stripe.com", "https://billing.stripe.com"];
    private static readonly string[] PersonalPaths = ["/account", "/staff", "/support/thanks", "/reminders"];

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddSecurityHeaderPolicies((policies, services) =>
        {
            var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
            var stripe = services.GetRequiredService<IOptions<StripeOptions>>().Value;
            var embed = services.GetRequiredService<IOptions<EmbedOptions>>().Value;
            policies.SetDefaultPolicy(p => Common(p, site, stripe, relaxed: false));
            policies.AddPolicy(Personal, p => Common(p, site, stripe, relaxed: false).AddCustomHeader("Cache-Control", "no-store"));
            // Hangfire's dashboard and the offline emulator's pages are not ours: they need inline scripts and styles.
            policies.AddPolicy(Relaxed, p => Common(p, site, stripe, relaxed: true, embed.AllowedOrigins).AddCustomHeader("Cache-Control", "no-store"));
            policies.SetPolicySelector(context => Select(context));
        });
        return builder;
    }

    private static IReadOnlyHeaderPolicyCollection Select(PolicySelectorContext context)
    {
        // Headers are chosen as the response starts; Hangfire's dashboard has moved its prefix into PathBase by then.
        var request = context.HttpContext.Request;
        var path = request.PathBase.Add(request.Path);
        if (path.StartsWithSegments("/staff/jobs") || path.StartsWithSegments(EmulatorWiring.Prefix))
        {
            return context.ConfiguredPolicies[Relaxed];
        }
        return IsPersonal(path) ? context.ConfiguredPolicies[Personal] : context.SelectedPolicy;
    }

    // A loop, not Any with a lambda: this runs for every response, article views included.
    private static bool IsPersonal(PathString path)
    {
        foreach (var prefix in PersonalPaths)
        {
            if (path.StartsWithSegments(prefix))
            {
                return true;
            }
        }
        return false;
    }

    // returnsTo: where the emulator's payment form may end up after its redirects (the embed's publisher pages).
    private static HeaderPolicyCollection Common(
        HeaderPolicyCollection policy, SiteOptions site, StripeOptions stripe, bool relaxed, string[]? returnsTo = null)
    {
        var framedBy = site.AllowFramingByAllowedOrigins ? site.AllowedOrigins.Select(o => o.TrimEnd('/')).ToArray() : [];
        policy.AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            if (relaxed)
            {
                // Without the hash: browsers ignore 'unsafe-inline' next to a hash.
                csp.AddScriptSrc().Self().UnsafeInline();
                csp.AddStyleSrc().Self().UnsafeInline();
            }
            else
            {
                csp.AddScriptSrc().Self().WithHash256(Hash(InlineScript));
                csp.AddStyleSrc().Self();
            }
            // Article images may come from the publisher's image host.
            csp.AddImgSrc().Self().OverHttps().Data();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().None();
            // The gift form answers with a redirect to Stripe Checkout, "Update card" with one to the portal.
            var forms = csp.AddFormAction().Self().From(StripeHostedPages);
            if (Uri.TryCreate(stripe.ApiBase, UriKind.Absolute, out var emulator))
            {
                forms.From(emulator.GetLeftPart(UriPartial.Authority));
            }
            if (returnsTo is { Length: > 0 })
            {
                // Browsers check form-action on every redirect: the emulator's "Pay" ends on the publisher's article.
                forms.From(returnsTo.Select(o => o.TrimEnd('/')));
            }
            if (framedBy.Length == 0)
            {
                csp.AddFrameAncestors().None();
            }
            else
            {
                csp.AddFrameAncestors().Self().From(framedBy);
            }
        });
        if (framedBy.Length == 0)
        {
            policy.AddFrameOptionsDeny(); // for browsers without frame-ancestors
        }
        return policy
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddPermissionsPolicyWithDefaultSecureDirectives()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin());
    }

    private static string Hash(string script) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
}
