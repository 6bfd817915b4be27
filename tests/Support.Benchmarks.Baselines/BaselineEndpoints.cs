using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Stripe;
using Support.Web.Checkout;
using Support.Web.Prompt;
using Support.Web.Stripe;

namespace Support.Benchmarks.Baselines;

/// <summary>
/// The floor each scenario is compared with: the least work the same Kestrel can do for the same request.
/// <list type="bullet">
/// <item><c>GET /_bench/static/…</c>: files from <c>Benchmarks:StaticRoot</c> (the article's HTML, saved by the benchmark).</item>
/// <item><c>GET /_bench/bytes/…</c>: the same files read into memory once and written as they are (bare Kestrel).</item>
/// <item><c>POST /_bench/checkout</c>: parses the form amount with the app's <see cref="AmountParser"/>, answers 303.</item>
/// <item><c>POST /_bench/webhook</c>: verifies the Stripe signature with the app's secret, answers 200.</item>
/// <item><c>GET /_bench/memory</c>: the managed heap as the GC sees it (<see cref="GC.GetGCMemoryInfo()"/>), for the memory split.</item>
/// </list>
/// </summary>
internal static class BaselineEndpoints
{
    public static void Use(IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var staticRoot = configuration["Benchmarks:StaticRoot"];
        if (!string.IsNullOrEmpty(staticRoot))
        {
            Directory.CreateDirectory(staticRoot);
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = "/_bench/static",
                FileProvider = new PhysicalFileProvider(staticRoot),
            });
            var files = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
            app.Map("/_bench/bytes", branch => branch.Run(context => BytesAsync(context, staticRoot, files)));
        }
        app.Map("/_bench/checkout", branch => branch.Run(CheckoutAsync));
        app.Map("/_bench/webhook", branch => branch.Run(WebhookAsync));
        app.Map("/_bench/memory", branch => branch.Run(MemoryAsync));
    }

    private static Task BytesAsync(HttpContext context, string root, ConcurrentDictionary<string, byte[]> files)
    {
        var name = Path.GetFileName(context.Request.Path.Value ?? "");
        if (!files.TryGetValue(name, out var bytes))
        {
            var path = Path.Combine(root, name);
            if (name.Length == 0 || !System.IO.File.Exists(path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            bytes = files.GetOrAdd(name, _ => System.IO.File.ReadAllBytes(path));
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        return context.Response.BodyWriter.WriteAsync(bytes).AsTask();
    }

    private static Task MemoryAsync(HttpContext context)
    {
        var info = GC.GetGCMemoryInfo();
        return context.Response.WriteAsJsonAsync(new Dictionary<string, double>
        {
            ["heap_size_bytes"] = info.HeapSizeBytes,
            ["committed_bytes"] = info.TotalCommittedBytes,
            ["fragmented_bytes"] = info.FragmentedBytes,
            ["total_available_bytes"] = info.TotalAvailableMemoryBytes,
            ["gen0_bytes"] = info.GenerationInfo[0].SizeAfterBytes,
            ["gen1_bytes"] = info.GenerationInfo[1].SizeAfterBytes,
            ["gen2_bytes"] = info.GenerationInfo[2].SizeAfterBytes,
            ["loh_bytes"] = info.GenerationInfo[3].SizeAfterBytes,
            ["poh_bytes"] = info.GenerationInfo[4].SizeAfterBytes,
            ["total_allocated_bytes"] = GC.GetTotalAllocatedBytes(),
            ["gen0_collections"] = GC.CollectionCount(0),
            ["gen2_collections"] = GC.CollectionCount(2),
            ["thread_pool_threads"] = ThreadPool.ThreadCount,
            ["threads"] = System.Diagnostics.Process.GetCurrentProcess().Threads.Count,
        }, context.RequestAborted);
    }

    private static async Task CheckoutAsync(HttpContext context)
    {
        var prompt = context.RequestServices.GetRequiredService<IOptions<PromptOptions>>().Value;
        var currency = context.RequestServices.GetRequiredService<IOptions<StripeOptions>>().Value.Currency;
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var custom = form["customAmount"].ToString();
        var chosen = custom.Length > 0 ? custom : form["amount"].ToString();
        var amount = AmountParser.Parse(chosen, prompt.MinimumAmountCents, prompt.MaximumAmountCents, currency);
        context.Response.StatusCode = amount.IsValid ? StatusCodes.Status303SeeOther : StatusCodes.Status422UnprocessableEntity;
        if (amount.IsValid)
        {
            context.Response.Headers.Location = "/_bench/redirected";
        }
    }

    private static async Task WebhookAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<StripeOptions>>().Value;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        using var reader = new StreamReader(context.Request.Body);
        var json = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            EventUtility.ConstructEvent(json, context.Request.Headers["Stripe-Signature"].ToString(),
                options.EffectiveWebhookSecret, tolerance: options.WebhookToleranceSeconds, throwOnApiVersionMismatch: true);
            context.Response.StatusCode = StatusCodes.Status200OK;
            await context.Response.WriteAsync("verified", context.RequestAborted);
        }
        catch (StripeException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
