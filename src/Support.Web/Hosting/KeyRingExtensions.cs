using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Web.Data;

namespace Support.Web.Hosting;

/// <summary>
/// One key ring for every instance, in the database on every provider (SQLite too: one way to do it, and a backup
/// of the database carries the keys that read its sessions). See docs/deployment.md.
/// </summary>
public static class KeyRingExtensions
{
    public static WebApplicationBuilder AddKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section);
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new();
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("Support")
            .PersistKeysToDbContext<SupportDbContext>();
        // Loaded here, so a missing file or a wrong password stops the start with a sentence, not the first request.
        if (options.LoadCertificate() is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        builder.Services.AddHostedService<FileKeyImport>();
        return builder;
    }
}

/// <summary>
/// Earlier releases kept the keys in <c>{Database:DataDirectory}/keys</c>. Copying them into the table once keeps the
/// cookies they signed valid across the upgrade (supporters and staff stay signed in). Runs before the server starts.
/// </summary>
public sealed class FileKeyImport(IServiceScopeFactory scopes, IHostEnvironment environment, IOptions<DatabaseOptions> database,
    ILogger<FileKeyImport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetFullPath(database.Value.DataDirectory, environment.ContentRootPath), "keys");
        if (!Directory.Exists(folder))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet();
        var files = Directory.GetFiles(folder, "key-*.xml").Where(f => !known.Contains(Path.GetFileNameWithoutExtension(f))).ToList();
        foreach (var file in files)
        {
            // The same shape EF's key repository writes: the file's name without .xml, the element unformatted.
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting),
            });
        }
        if (files.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Copied {Count} Data Protection key(s) from {Folder} into the database; the folder is no longer read", files.Count, folder);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
