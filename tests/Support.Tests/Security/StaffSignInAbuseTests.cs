using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Security;

/// <summary>
/// Finding 10: the staff login tells an attacker nothing (one message, a password hash checked whether or not the
/// account exists or is locked), limits each client, and an administrator can unlock a locked account.
/// </summary>
public sealed class StaffSignInAbuseTests(StaffSignInAbuseTests.CountingApp app) : IClassFixture<StaffSignInAbuseTests.CountingApp>
{
    private const string Uniform = "That email and password do not match an active staff account.";

    [Fact]
    public async Task Unknown_accounts_wrong_passwords_and_locked_accounts_get_the_same_answer()
    {
        var locked = await LockedAccountAsync();
        var real = $"real-{Guid.NewGuid():N}@newsroom.example";
        await app.CreateAccountAsync(real, StaffRoles.Staff);
        using var browser = app.CreateBrowserClient();

        var unknown = await browser.SignInAsync($"nobody-{Guid.NewGuid():N}@newsroom.example", "Whatever-password-1");
        var wrong = await browser.SignInAsync(real, "Whatever-password-1");
        var lockedWrong = await browser.SignInAsync(locked, "Whatever-password-1");
        var lockedRight = await browser.SignInAsync(locked, StaffSessions.Password);

        foreach (var answer in new[] { unknown, wrong, lockedWrong, lockedRight })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            var alert = (await answer.ReadHtmlAsync()).QuerySelector("[role=alert]")!.TextContent;
            Assert.StartsWith(Uniform, alert);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff/reports")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_and_a_locked_account_cost_a_password_hash_check_like_a_real_one()
    {
        var locked = await LockedAccountAsync();
        using var browser = app.CreateBrowserClient();

        var before = app.Hashes.Verifications;
        await browser.SignInAsync($"nobody-{Guid.NewGuid():N}@newsroom.example", "Whatever-password-1");
        var afterUnknown = app.Hashes.Verifications;
        await browser.SignInAsync(locked, "Whatever-password-1");

        Assert.Equal(before + 1, afterUnknown);
        Assert.Equal(afterUnknown + 1, app.Hashes.Verifications);
    }

    [Fact]
    public async Task An_admin_unlocks_a_locked_account_from_the_staff_page()
    {
        var locked = await LockedAccountAsync();
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == locked).Select(u => u.Id).SingleAsync());
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var unlocked = await admin.SubmitFormAsync("/staff/users", $"/staff/users/{id}/unlock");

        Assert.Equal(HttpStatusCode.SeeOther, unlocked.StatusCode);
        using var owner = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.SeeOther, (await owner.SignInAsync(locked, StaffSessions.Password)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_client_are_limited_with_a_429_page()
    {
        using var limited = new LimitedApp();
        using var browser = limited.CreateBrowserClient();

        HttpResponseMessage last = null!;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            last = await browser.SignInAsync($"guess-{attempt}@newsroom.example", "Whatever-password-1");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Contains("Too many sign-in attempts", await last.Content.ReadAsStringAsync());
    }

    private async Task<string> LockedAccountAsync()
    {
        var email = $"locked-{Guid.NewGuid():N}@newsroom.example";
        await app.CreateAccountAsync(email, StaffRoles.Staff);
        using var browser = app.CreateBrowserClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await browser.SignInAsync(email, $"Guess-number-{attempt}");
        }
        var lockoutEnd = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow);
        return email;
    }

    /// <summary>Counts password hash checks, whoever asks for them.</summary>
    public sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();
        private int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);
        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class CountingApp : SupportAppFactory
    {
        public CountingHasher Hashes { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<StaffUser>>(Hashes));
        }
    }

    private sealed class LimitedApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Staff:SignInAttemptsPerAddress", "3")];
    }
}
