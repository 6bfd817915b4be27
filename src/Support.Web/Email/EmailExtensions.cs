using Microsoft.Extensions.Options;
using Support.Web.Data;

namespace Support.Web.Email;

public static class EmailExtensions
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host) || o.WritesPickupFiles(builder.Environment),
                "Smtp:Host is required outside Development (or set Smtp:UsePickupFolder=true to write .eml files instead).")
            .ValidateOnStart();
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section)
            .Validate(o => o.IsValid,
                "Site:PublicBaseUrl must be the absolute http(s) address readers use, e.g. https://support.example.org.")
            .Validate(o => o.AllowedOriginsAreOrigins,
                "Each Site:AllowedOrigins entry must be an origin: scheme, host and optional port, e.g. https://news.example.org (no path).")
            .Validate(o => o.CookieDomainFitsPublicHost,
                "Site:CookieDomain must be empty or a parent domain of Site:PublicBaseUrl's host, e.g. example.org for https://support.example.org.")
            .ValidateOnStart();

        var smtp = builder.Configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new();
        if (smtp.WritesPickupFiles(builder.Environment))
        {
            var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
            var folder = Path.Combine(builder.Environment.DataDirectoryPath(database), smtp.PickupFolder);
            builder.Services.AddSingleton<IEmailSender>(sp =>
                new PickupFolderEmailSender(folder, sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        return builder;
    }

    /// <summary>Says where mail goes, so a developer knows where to look for the .eml files.</summary>
    public static WebApplication LogEmailDestination(this WebApplication app)
    {
        var sender = app.Services.GetRequiredService<IEmailSender>();
        if (sender is PickupFolderEmailSender pickup)
        {
            app.Logger.LogWarning("No Smtp:Host is set: emails are written as .eml files to {Folder}", pickup.Folder);
        }
        else
        {
            var smtp = app.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
            app.Logger.LogInformation("Emails go to SMTP server {Host}:{Port}", smtp.Host, smtp.Port);
        }
        return app;
    }
}
