namespace Support.Tests.Infrastructure;

/// <summary>
/// The database a test app runs on, through the same settings a publisher uses. In Support.Tests it is the default
/// SQLite file in the app's data folder; Support.Tests.PostgreSql compiles the same tests with POSTGRESQL defined,
/// and each app gets a database of its own on the test cluster (<see cref="PostgresTestServer"/>).
/// </summary>
public static class TestDatabase
{
#if POSTGRESQL
    public static readonly bool IsPostgreSql = true;
#else
    public static readonly bool IsPostgreSql = false;
#endif

    /// <summary>The settings for the database named after <paramref name="dataDirectory"/> (shared by apps that share it).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string dataDirectory)
    {
        if (!IsPostgreSql)
        {
            return [];
        }
        return
        [
            new("Database:Provider", "PostgreSql"),
            new("Database:MigrateOnStart", "true"),
            new("ConnectionStrings:Support", PostgresTestServer.Create(NameFor(dataDirectory))),
        ];
    }

    /// <summary>Removes the database of an app that owned it (nothing to do for SQLite: the folder goes).</summary>
    public static void Drop(string dataDirectory)
    {
        if (IsPostgreSql)
        {
            PostgresTestServer.Drop(NameFor(dataDirectory));
        }
    }

    private static string NameFor(string dataDirectory) => "support_" + Path.GetFileName(dataDirectory.TrimEnd('/'));
}
