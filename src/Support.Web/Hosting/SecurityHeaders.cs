using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Support.Web.Email;
using Support.Web.Embed;
using Support.Web.Stripe;

namespace Support.Web.Hosting;

/// <summary>
/// The headers on every answer, written with NetEscapades.AspNetCore.SecurityHeaders' policy builders and worked out
/// once (<see cref="HeaderSet"/>): a strict Content-Security-Policy (scripts and styles from this site only, the one
/// inline script by its hash, forms on to Stripe's hosted pages only, no framing unless the publisher frames us),
/// nosniff, a referrer policy and a permissions policy; personal pages (account, staff, thank-you, reminder links) are
/// never stored by a browser or proxy.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The only inline script: marks the page as scripted before the first paint (CSS hides the banner otherwise).</summary>
    public const string InlineScript = "document.documentElement.className = 'js';";

    private static readonly string[] StripeHostedPages = ["https://checkout.stripe.com", "https://billing.stripe.com"];
    private static readonly string[] PersonalPaths = ["/account", "/staff", "/support/thanks", "/reminders"];

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
            var stripe = services.GetRequiredService<IOptions<StripeOptions>>().Value;
            var embed = services.GetRequiredService<IOptions<EmbedOptions>>().Value;
            return new SecurityHeaderSets(
                Default: HeaderSet.From(Common(new HeaderPolicyCollection(), site, stripe, relaxed: false)),
                Personal: HeaderSet.From(Common(new HeaderPolicyCollection(), site, stripe, relaxed: false)
                    .AddCustomHeader("Cache-Control", "no-store")),
                // Hangfire's dashboard and the offline emulator's pages are not ours: they need inline scripts and styles.
                Relaxed: HeaderSet.From(Common(new HeaderPolicyCollection(), site, stripe, relaxed: true, embed.AllowedOrigins)
                    .AddCustomHeader("Cache-Control", "no-store")));
        });
        return builder;
    }

    /// <summary>
    /// Sets the headers as each response starts (so error pages, which clear the headers, get them too), from sets
    /// worked out once at start.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var sets = app.Services.GetRequiredService<SecurityHeaderSets>();
        Func<object, Task> apply = state =>
        {
            var context = (HttpContext)state;
            Select(sets, context.Request).ApplyTo(context.Response.Headers);
            return Task.CompletedTask;
        };
        app.Use((context, next) =>
        {
            context.Response.OnStarting(apply, context);
            return next(context);
        });
        return app;
    }

    private static HeaderSet Select(SecurityHeaderSets sets, HttpRequest request)
    {
        // Headers are chosen as the response starts; Hangfire's dashboard has moved its prefix into PathBase by then.
        var path = request.PathBase.HasValue ? request.PathBase.Add(request.Path) : request.Path;
        if (path.StartsWithSegments("/staff/jobs") || path.StartsWithSegments(EmulatorWiring.Prefix))
        {
            return sets.Relaxed;
        }
        return IsPersonal(path) ? sets.Personal : sets.Default;
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
