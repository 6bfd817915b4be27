using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Support.Web.Keeping;
using Support.Web.Shared;

namespace Support.Web.Account;

public static class AccountExtensions
{
    public static WebApplicationBuilder AddAccount(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SignInLinks>();
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddScoped<ContributionActions>();
        builder.Services.AddScoped<PersonalData>();
        builder.Services.AddScoped<YearlyStatement>();
        builder.Services.AddSingleton<SignInEmailLimiter>();

        // A scheme of its own, not the default: staff sign-in is a different kind of user.
        builder.Services.AddAuthentication().AddCookie(SupporterSession.Scheme, cookie =>
        {
            cookie.Cookie.Name = SupporterSession.CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/account";
            cookie.AccessDeniedPath = "/account";
            // Checked against the database on every request: signing out or erasing ends every session (docs/account.md).
            cookie.Events.OnValidatePrincipal = SupporterSession.ValidateAsync;
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(SupporterSession.Scheme)
            .Configure<IOptions<AccountOptions>>((cookie, account) => cookie.ExpireTimeSpan = account.Value.SessionLifetime);
        builder.Services.AddAuthorizationBuilder().AddPolicy(SupporterSession.Policy, policy => policy
            .AddAuthenticationSchemes(SupporterSession.Scheme).RequireAuthenticatedUser());
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, SignInAddressPolicy>(SignInAddressPolicy.Name));
        return builder;
    }

    /// <summary>/account: sign-in by emailed link, the supporter's contributions, their data.</summary>
    public static WebApplication MapAccount(this WebApplication app)
    {
        var group = app.MapGroup("/account").RequireFormToken();
        group.MapAccountPages();
        group.MapSignIn();
        group.MapPersonalData();
        group.MapKeeping();
        return app;
    }
}
