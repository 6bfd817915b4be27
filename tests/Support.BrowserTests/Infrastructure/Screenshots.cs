using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Support.BrowserTests.Infrastructure;

/// <summary>
/// Full-page screenshots, so a person can see what readers see. They go under the test output (git-ignored):
/// tests/Support.BrowserTests/bin/Debug/net10.0/screenshots/NAME-WIDTH.png.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task SaveAsync(this IPage page, string name, int width, ITestOutputHelper output)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"{name}-{width}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
