using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;
using Support.Web.Prompt;
using Support.Web.Staff;

namespace Support.Tests.Staff;

/// <summary>Staff accounts and the browsers of the people in the access matrix.</summary>
public static class StaffSessions
{
    public const string Password = "Correct-Horse-42";

    /// <summary>Creates the account through the same service the admin page and the command use.</summary>
    public static async Task CreateAccountAsync(this SupportAppFactory app, string email, string role, string password = Password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var error = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync(email, role, password);
        Assert.Null(error);
    }

    /// <summary>A browser signed in through the login form (antiforgery token read from the page).</summary>
    public static async Task<HttpClient> SignedInBrowserAsync(this SupportAppFactory app, string email, string password = Password)
    {
        var browser = app.CreateBrowserClient();
        var answer = await browser.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        return browser;
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient browser, string email, string password, string? returnUrl = null)
    {
        var page = await (await browser.GetAsync("/staff/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)))).ReadHtmlAsync();
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/staff/login']")!;
        return await browser.PostFormAsync("/staff/login", Forms.FieldsOf(form, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }));
    }

    /// <summary>Submits the first form on <paramref name="pageUrl"/> whose action is <paramref name="action"/>, token included.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient browser, string pageUrl, string action, IDictionary<string, string>? fields = null)
    {
        var page = await (await browser.GetAsync(pageUrl)).ReadHtmlAsync();
        var form = page.QuerySelector<IHtmlFormElement>($"form[action='{action}']")
            ?? throw new InvalidOperationException($"No form posts to {action} on {pageUrl}.");
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
        return await browser.PostFormAsync(action, Forms.FieldsOf(form, fields));
    }

    /// <summary>A reader who dismissed the prompt: they carry the prompt cookie but are nobody to the staff area.</summary>
    public static async Task<HttpClient> ReaderBrowserAsync(this SupportAppFactory app)
    {
        var browser = app.CreateBrowserClient();
        var dismissed = await browser.PostFormAsync("/prompt/dismiss", new Dictionary<string, string> { ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        return browser;
    }

    /// <summary>A supporter: the signed "supporter" cookie the thank-you page sets.</summary>
    public static HttpClient SupporterBrowser(this SupportAppFactory app)
    {
        var response = new DefaultHttpContext().Response;
        app.Services.GetRequiredService<PromptCookie>().MarkSupporter(response);
        var setCookie = response.Headers.SetCookie.ToString();
        var browser = app.CreateBrowserClient();
        browser.DefaultRequestHeaders.Add("Cookie", setCookie[..setCookie.IndexOf(';')]);
        return browser;
    }

    public static Task<HttpClient> StaffBrowserAsync(this SupportAppFactory app, string role) => CreateAndSignInAsync(app, role);

    private static async Task<HttpClient> CreateAndSignInAsync(SupportAppFactory app, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@newsroom.example";
        await app.CreateAccountAsync(email, role);
        return await app.SignedInBrowserAsync(email);
    }

}
