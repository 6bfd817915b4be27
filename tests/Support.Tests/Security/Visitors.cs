using Support.Data.Staff;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Security;

/// <summary>Who sends a hostile request: nobody, a signed-in supporter, or a staff administrator.</summary>
public enum Visitor { Anonymous, Supporter, Admin }

/// <summary>
/// The app with one signed-in supporter (a real gift through the emulator and an emailed link) and one signed-in
/// administrator, each in their own browser, and the antiforgery tokens each of them would find on their pages.
/// </summary>
public class VisitorsAppFactory : AccountAppFactory, IAsyncLifetime
{
    private readonly Dictionary<Visitor, HttpClient> _browsers = [];
    private readonly Dictionary<(Visitor, bool Staff), string> _tokens = [];

    public string SupporterEmail { get; } = AccountSteps.NewEmail("visitor");
    public string AdminEmail { get; } = $"admin-{Guid.NewGuid():N}@newsroom.example";
    public long ContributionId { get; private set; }

    public HttpClient Browser(Visitor visitor) => _browsers[visitor];

    /// <summary>The request token this visitor's pages carry for the area of <paramref name="path"/>.</summary>
    public string TokenFor(Visitor visitor, string path) => _tokens[(visitor, path.StartsWith("/staff", StringComparison.Ordinal))];

    public async Task InitializeAsync()
    {
        var anonymous = CreateBrowserClient();
        _browsers[Visitor.Anonymous] = anonymous;

        var supporter = CreateBrowserClient();
        ContributionId = (await this.BecomeSupporterAsync(supporter, SupporterEmail)).Id;
        await this.SignInAsync(supporter, SupporterEmail);
        _browsers[Visitor.Supporter] = supporter;

        await this.CreateAccountAsync(AdminEmail, StaffRoles.Admin);
        _browsers[Visitor.Admin] = await this.SignedInBrowserAsync(AdminEmail);

        foreach (var (visitor, browser) in _browsers)
        {
            _tokens[(visitor, false)] = await ReadTokenAsync(browser, "/account");
            _tokens[(visitor, true)] = await ReadTokenAsync(browser, visitor == Visitor.Admin ? "/staff/users" : "/staff/login");
        }
    }

    private static async Task<string> ReadTokenAsync(HttpClient browser, string page)
    {
        var html = await (await browser.GetAsync(page)).ReadHtmlAsync();
        return html.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{page} carries no antiforgery token.");
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
