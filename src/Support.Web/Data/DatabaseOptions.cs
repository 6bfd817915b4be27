using System.ComponentModel.DataAnnotations;

namespace Support.Web.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded, one process), <c>SqlServer</c> or <c>PostgreSql</c> (several instances).</summary>
    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file and data-protection keys, relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Apply migrations at start. Always on for SQLite; for a server database prefer a deployment step.</summary>
    public bool MigrateOnStart { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}
