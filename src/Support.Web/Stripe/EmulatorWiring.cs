using System.Runtime.CompilerServices;
using Support.StripeEmulator;

namespace Support.Web.Stripe;

/// <summary>
/// The only code that touches the emulator assembly. Kept out of line (NoInlining) so that the JIT loads
/// Support.StripeEmulator only when these methods run, which is never outside Development unless Stripe:AllowEmulator is set.
/// </summary>
internal static class EmulatorWiring
{
    public const string Prefix = "/stripe-emulator";

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Add(IServiceCollection services, string webhookSecret) =>
        services.AddStripeEmulator(o =>
        {
            o.PathPrefix = Prefix;
            o.WebhookSecret = webhookSecret;
        });

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Map(WebApplication app) => app.MapStripeEmulator();
}
