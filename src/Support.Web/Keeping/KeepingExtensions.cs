namespace Support.Web.Keeping;

public static class KeepingExtensions
{
    /// <summary>Keeping supporters (issue 16): dunning emails and links, pauses, the save offer, restarts.</summary>
    public static WebApplicationBuilder AddKeeping(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeepingOptions>().BindConfiguration(KeepingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<KeepingEmails>();
        builder.Services.AddScoped<RestartCheckout>();
        builder.Services.AddScoped<PauseActions>();
        builder.Services.AddScoped<SaveOffers>();
        return builder;
    }

    /// <summary>Under /account: the emailed one-click links and the signed-in supporter's keeping actions.</summary>
    public static void MapKeeping(this RouteGroupBuilder account)
    {
        account.MapActionLinks();
        account.MapKeepingActions();
    }
}
