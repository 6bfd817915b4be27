using Hangfire;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Support.Data;
using Support.Data.Staff;
using Support.Web.Shared;

namespace Support.Web.Staff;

/// <summary>Staff accounts (ASP.NET Core Identity), the staff cookie, policies and antiforgery for staff forms.</summary>
public static class StaffExtensions
{
    public static WebApplicationBuilder AddStaff(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SupportDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(ConfigureCookie);
        // A removed account or a changed role takes effect within a minute, not at cookie expiry.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(StaffRoles.Staff, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Admin, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(StaffRoles.Admin));
        builder.Services.AddScoped<StaffAccounts>();
        builder.Services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<NobodysHash>();
        builder.Services.AddScoped<UnknownAccountCost>();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, StaffSignInPolicy>(StaffSignInPolicy.Name));
        builder.AddJobDashboardGuards();
        return builder;
    }

    /// <summary>The staff pages (their authentication, authorization and antiforgery middleware is in Program.cs).</summary>
    public static IEndpointRouteBuilder MapStaff(this IEndpointRouteBuilder app)
    {
        app.MapSignIn();
        app.MapStaffUsers();
        app.MapJobDashboardGuards();
        // Admin only, by our policy; no Hangfire filter (its default would allow local requests only).
        app.MapHangfireDashboardWithAuthorizationPolicy(StaffPolicies.Admin, JobDashboardGuards.Prefix, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [],
            AppPath = "/staff/reports",
            DashboardTitle = "Support background jobs",
        }).WithReadableForms();
        return app;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "support_staff";
        o.Cookie.Path = "/staff";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.LoginPath = "/staff/login";
        o.AccessDeniedPath = "/staff/login";
        // HTML gets a redirect to the login page; the JSON API gets a bare 401 that tools understand.
        o.Events.OnRedirectToLogin = context =>
        {
            if (IsApi(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }
            else
            {
                context.Response.Redirect(context.RedirectUri);
            }
            return Task.CompletedTask;
        };
        // Signed in but without the role: a 403 page in place, not a redirect that would look like a sign-out.
        o.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return IsApi(context.Request)
                ? Task.CompletedTask
                : Pages.Message(StatusCodes.Status403Forbidden, "This page is for administrators",
                    "Your staff account can read reports but not this page. Ask an administrator if you need it.",
                    "/staff/reports", "Back to reports").ExecuteAsync(context.HttpContext);
        };
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/staff/api");
}

/// <summary>Authorization policy names.</summary>
public static class StaffPolicies
{
    /// <summary>Any staff member (Staff or Admin): reports and the JSON API.</summary>
    public const string Staff = "staff";

    /// <summary>Administrators: staff accounts and the job dashboard.</summary>
    public const string Admin = "admin";
}
