namespace Support.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright (its own browser download cannot work here). Without it the tests
/// report themselves skipped, unless SUPPORT_REQUIRE_BROWSER=1 (set by .ci/run) makes that a failure.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public const string MissingReason = "Chromium not found: install it with `apt-get install -y chromium`";

    /// <summary>Headless in a container, and nothing that reaches the network on its own.</summary>
    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool IsRequired => Environment.GetEnvironmentVariable("SUPPORT_REQUIRE_BROWSER") == "1";

    /// <summary>Skips the calling test when Chromium is missing, or fails it when the browser is required.</summary>
    public static void SkipOrFailWhenMissing()
    {
        if (IsInstalled)
        {
            return;
        }
        if (IsRequired)
        {
            throw new InvalidOperationException($"SUPPORT_REQUIRE_BROWSER=1 and {MissingReason}");
        }
        Skip.If(true, MissingReason);
    }
}
