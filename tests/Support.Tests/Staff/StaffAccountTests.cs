using System.Net;
using Microsoft.EntityFrameworkCore;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Web.Commands;

namespace Support.Tests.Staff;

public sealed class StaffAccountTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Fact]
    public async Task An_admin_adds_a_staff_member_who_can_then_sign_in_and_read_reports()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var added = await admin.SubmitFormAsync("/staff/users", "/staff/users", new Dictionary<string, string>
        {
            ["Email"] = "new.reporter@newsroom.example", ["Role"] = StaffRoles.Staff, ["Password"] = "Fresh-password-99",
        });

        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Contains("new.reporter@newsroom.example", await admin.GetStringAsync("/staff/users"));
        using var reporter = await app.SignedInBrowserAsync("new.reporter@newsroom.example", "Fresh-password-99");
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync("/staff/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/staff/users")).StatusCode);
    }

    [Fact]
    public async Task A_weak_initial_password_is_refused_with_the_rules()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var answer = await admin.SubmitFormAsync("/staff/users", "/staff/users", new Dictionary<string, string>
        {
            ["Email"] = "weak@newsroom.example", ["Role"] = StaffRoles.Staff, ["Password"] = "short",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("at least 12 characters", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_admin_removes_an_account_and_cannot_remove_their_own()
    {
        await app.CreateAccountAsync("leaving@newsroom.example", StaffRoles.Staff);
        var leavingId = await app.QueryAsync(db => db.Users.Where(u => u.Email == "leaving@newsroom.example").Select(u => u.Id).SingleAsync());
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var removed = await admin.SubmitFormAsync("/staff/users", $"/staff/users/{leavingId}/remove");
        var ownId = await app.QueryAsync(db => db.Users.OrderByDescending(u => u.CreatedAt).Select(u => u.Id).FirstAsync());
        var self = await admin.SubmitFormAsync("/staff/users", $"/staff/users/{ownId}/remove");

        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "leaving@newsroom.example")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Contains("your own account", await self.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_staff_add_command_creates_an_admin_from_a_piped_password()
    {
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(app.Services, ["staff", "add", "First.Admin@newsroom.example", "--role", "Admin"],
            new StringReader("Piped-password-2026\n"), output, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("Created Admin account", output.ToString());
        using var admin = await app.SignedInBrowserAsync("First.Admin@newsroom.example", "Piped-password-2026");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/staff/users")).StatusCode);
    }

    [Theory]
    [InlineData("weak", "Admin", "at least 12 characters")]
    [InlineData("Long-enough-password-1", "Owner", "Unknown role 'Owner'")]
    [InlineData("", "Admin", "No password given")]
    public async Task The_staff_add_command_refuses_bad_input_and_creates_nothing(string password, string role, string message)
    {
        var output = new StringWriter();
        var email = $"refused-{Guid.NewGuid():N}@newsroom.example";

        var exit = await CommandLine.RunAsync(app.Services, ["staff", "add", email, "--role", role], new StringReader(password), output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains(message, output.ToString());
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage()
    {
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(app.Services, ["staff", "delete"], new StringReader(""), output, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("staff add <email>", output.ToString());
    }
}
