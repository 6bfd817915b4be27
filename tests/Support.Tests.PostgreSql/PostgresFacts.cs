using Support.Tests.Infrastructure;

// In this namespace these shadow Xunit's [Fact] and [Theory] for every shared test (a type in an enclosing namespace
// is found before one from a using directive), so each test skips itself, with the install command, when no
// PostgreSQL server is configured, instead of failing or silently not existing.
namespace Support.Tests;

public sealed class FactAttribute : Xunit.FactAttribute
{
    public FactAttribute() => Skip = PostgresRequirement.SkipReason();
}

public sealed class TheoryAttribute : Xunit.TheoryAttribute
{
    public TheoryAttribute() => Skip = PostgresRequirement.SkipReason();
}

internal static class PostgresRequirement
{
    /// <summary>CI sets SUPPORT_REQUIRE_POSTGRES=1: there a missing server fails every test rather than skipping it.</summary>
    public static string? SkipReason() =>
        Environment.GetEnvironmentVariable("SUPPORT_REQUIRE_POSTGRES") == "1" ? null : PostgresTestServer.Unavailable;
}
