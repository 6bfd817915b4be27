using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Hosting;

/// <summary>
/// Two instances on one database, each with a data folder of its own (as on two machines): what one signs, the
/// other reads, because the Data Protection key ring is in the database.
/// </summary>
public sealed class SharedKeyRingTests
{
    /// <summary>
    /// Another instance: its own folder, the first instance's database and mail server (either instance's senders
    /// may send an email the other wrote, as on two machines sharing one relay).
    /// </summary>
    private sealed class SecondInstance(AccountAppFactory first) : AccountAppFactory
    {
        private readonly string firstDataDirectory = first.DataDirectory;

        protected override string DatabaseDirectory => firstDataDirectory;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. base.Settings,
            new("Smtp:Port", first.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. TestDatabase.IsPostgreSql ? [] : new KeyValuePair<string, string?>[]
            {
                new("ConnectionStrings:Support", $"Data Source={Path.Combine(firstDataDirectory, "support.db")}"),
            },
        ];
    }

    /// <summary>A browser whose cookies both instances see (cookies belong to the host name, not the port).</summary>
    private static HttpClient Browser(SupportAppFactory app, CookieContainer cookies)
    {
        app.StartServer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
    }

    [Fact]
    public async Task Supporter_staff_and_prompt_cookies_from_one_instance_are_accepted_by_the_other()
    {
        using var first = new AccountAppFactory();
        using var second = new SecondInstance(first);
        var cookies = new CookieContainer();
        using var onFirst = Browser(first, cookies);
        using var onSecond = Browser(second, cookies);
        var email = NewEmail();
        await first.BecomeSupporterAsync(onFirst, email);
        await first.SignInAsync(onFirst, email);
        var staff = NewEmail("staff");
        await first.CreateAccountAsync(staff, "Staff");
        Assert.Equal(HttpStatusCode.SeeOther, (await onFirst.SignInAsync(staff, StaffSessions.Password)).StatusCode);

        var account = await onSecond.GetAsync("/account");
        var reports = await onSecond.GetAsync("/staff/reports");
        var article = await onSecond.GetAsync(ReaderJourney.ArticlePath);

        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.NotNull((await account.ReadHtmlAsync()).QuerySelector("form[action='/account/signout']"));
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        // The thank-you page's "supporter" prompt cookie: the other instance shows no prompt either.
        Assert.Null((await article.ReadHtmlAsync()).QuerySelector("form[action='/support/checkout']"));
    }

    [Fact]
    public async Task A_form_token_issued_by_one_instance_is_accepted_by_the_other()
    {
        using var first = new AccountAppFactory();
        using var second = new SecondInstance(first);

        Assert.Equal(HttpStatusCode.OK, (await SignInFormAcrossAsync(first, second)).StatusCode);
    }

    [Fact]
    public async Task With_a_certificate_keys_are_stored_encrypted_and_another_instance_with_it_reads_them()
    {
        var certificate = CertificateFile("correct-password");
        KeyValuePair<string, string?>[] settings = [new("DataProtection:CertificatePath", certificate), new("DataProtection:CertificatePassword", "correct-password")];
        using var first = new AccountAppFactory { ExtraSettings = settings };
        using var second = new SecondInstance(first) { ExtraSettings = settings };

        Assert.Equal(HttpStatusCode.OK, (await SignInFormAcrossAsync(first, second)).StatusCode);

        var stored = await first.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("EncryptedXmlDecryptor", xml);
            Assert.DoesNotContain("<value>", xml);
        });
    }

    [Fact]
    public void A_wrong_certificate_password_stops_the_start_with_a_message_that_does_not_show_it()
    {
        var certificate = CertificateFile("correct-password");
        using var app = new AccountAppFactory
        {
            ExtraSettings = [new("DataProtection:CertificatePath", certificate), new("DataProtection:CertificatePassword", "wrong-password-42")],
        };

        var error = Assert.ThrowsAny<Exception>(() => app.StartServer()).ToString();

        Assert.Contains("a wrong DataProtection:CertificatePassword", error);
        Assert.DoesNotContain("wrong-password-42", error);
    }

    [Fact]
    public async Task Cookies_signed_with_the_key_folder_of_earlier_releases_are_still_read_after_the_upgrade()
    {
        using var app = new SupportAppFactory();
        // What an earlier release left in its data folder: keys as files, and a reader's "supporter" prompt cookie.
        var earlier = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(app.DataDirectory, "keys")), o => o.SetApplicationName("Support"));
        var cookie = earlier.CreateProtector("Support.Prompt.v1").Protect("supporter");
        using var reader = app.CreateBrowserClient();
        reader.DefaultRequestHeaders.Add("Cookie", $"{Support.Web.Prompt.PromptCookie.Name}={cookie}");

        var article = await reader.GetAsync(ReaderJourney.ArticlePath);

        Assert.Null((await article.ReadHtmlAsync()).QuerySelector("form[action='/support/checkout']"));
        Assert.NotEmpty(await app.QueryAsync(db => db.DataProtectionKeys.ToListAsync()));
    }

    /// <summary>The sign-in form read from the first instance, posted to the second with the first's antiforgery cookie.</summary>
    private static async Task<HttpResponseMessage> SignInFormAcrossAsync(SupportAppFactory first, SupportAppFactory second)
    {
        var cookies = new CookieContainer();
        using var onFirst = Browser(first, cookies);
        using var onSecond = Browser(second, cookies);
        var page = await (await onFirst.GetAsync("/account")).ReadHtmlAsync();
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/account/signin']")!;
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
        return await onSecond.PostFormAsync("/account/signin", Forms.FieldsOf(form, new Dictionary<string, string> { ["email"] = NewEmail() }));
    }

    private static string CertificateFile(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Support key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"support-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
