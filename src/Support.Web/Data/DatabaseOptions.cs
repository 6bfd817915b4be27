using System.ComponentModel.DataAnnotations;

namespace Support.Web.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded, one process), <c>SqlServer</c> or <c>PostgreSql</c> (several instances).</summary>
    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite files and the mail pickup folder, relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Apply migrations at start. Always on for SQLite; for a server database prefer a deployment step.</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>
    /// Webhook writer turns that may run at once on a server database, one per lane of supporters (events are split by
    /// Stripe customer, so one supporter's events never run at the same time). SQLite has one writer per file: always 1.
    /// </summary>
    [Range(1, 32)]
    public int WebhookWriters { get; set; } = 4;

    /// <summary>The writer lanes this provider gets: <see cref="WebhookWriters"/> on a server database, 1 on SQLite.</summary>
    public int EffectiveWebhookWriters => Provider == DatabaseProvider.Sqlite ? 1 : WebhookWriters;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}
