namespace Support.Web.Supporters;

public static class SupporterExtensions
{
    /// <summary>The ledger: supporters, contributions and payments as Stripe reports them (written by Stripe/Webhooks and account changes).</summary>
    public static WebApplicationBuilder AddSupporters(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SupporterLedger>();
        return builder;
    }
}
