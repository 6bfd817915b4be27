using Microsoft.Playwright;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using Support.Tests.Reminders;

namespace Support.BrowserTests.Infrastructure;

/// <summary>
/// One running app (Kestrel on loopback, own SQLite file, offline Stripe emulator) and one Chromium per test
/// class; every test opens its own browser context, so cookies never leak between tests.
/// </summary>
public class BrowserApp<TFactory> : IAsyncLifetime where TFactory : SupportAppFactory, new()
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _policyViolations = new();

    /// <summary>What Chromium refused under the Content-Security-Policy in any page of this class's tests (ContentSecurityPolicyTests).</summary>
    public IReadOnlyCollection<string> PolicyViolations => _policyViolations;

    /// <summary>The violations so far, forgotten: for a test that provokes one on purpose.</summary>
    public IReadOnlyList<string> TakePolicyViolations()
    {
        var taken = new List<string>();
        while (_policyViolations.TryDequeue(out var violation))
        {
            taken.Add(violation);
        }
        return taken;
    }

    public TFactory App { get; } = new();

    public virtual async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return; // Each test skips (or fails) with the reason when it asks for a context.
        }
        App.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Args,
        });
    }

    /// <summary>
    /// A fresh browser profile at the given width; phones get touch and a mobile viewport. Without JavaScript the
    /// pages run as a reader with scripts turned off sees them.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(int width = Viewports.Desktop, bool javaScript = true)
    {
        Chromium.SkipOrFailWhenMissing();
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = Viewports.HeightFor(width) },
            IsMobile = Viewports.IsPhone(width),
            HasTouch = Viewports.IsPhone(width),
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        // Chromium reports each script, style or form it refused under the Content-Security-Policy on the console.
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _policyViolations.Enqueue($"{message.Location}: {message.Text}");
            }
        };
        return context;
    }

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The app as configured by default: the prompt is a banner.</summary>
public sealed class BannerPromptApp : BrowserApp<SupportAppFactory>;

/// <summary>The app with the prompt placed inline after the article.</summary>
public sealed class InlinePromptApp : BrowserApp<InlinePromptFactory>;

/// <summary>The app with reminders wired for tests (in-memory jobs, local SMTP, generous signup limit).</summary>
public sealed class ReminderPromptApp : BrowserApp<ReminderAppFactory>;

/// <summary>The app as the account tests run it: reminders' wiring plus generous sign-in link limits.</summary>
public sealed class AccountBrowserApp : BrowserApp<AccountAppFactory>;

public sealed class InlinePromptFactory : SupportAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Prompt:Placement", "Inline")];
}
