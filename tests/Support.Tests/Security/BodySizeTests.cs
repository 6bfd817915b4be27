using System.Net;
using Support.Tests.Infrastructure;

namespace Support.Tests.Security;

/// <summary>Finding 8: a huge form is refused before it is read, and what a reader typed is echoed back only in part.</summary>
public sealed class BodySizeTests(VisitorsAppFactory app) : IClassFixture<VisitorsAppFactory>
{
    private const int MaxEcho = 300;

    [Theory]
    [InlineData("/support/checkout", "customAmount")]
    [InlineData("/support/checkout", "email")]
    [InlineData("/reminders", "email")]
    [InlineData("/prompt/dismiss", "returnUrl")]
    public async Task A_megabyte_form_value_is_refused_with_413(string action, string field)
    {
        // As curl sends a large body: it waits for the server's go-ahead, so the refusal is read, not a reset.
        var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [field] = new string('9', 3 * 1024 * 1024) }),
        };
        request.Headers.ExpectContinue = true;

        var answer = await app.Browser(Visitor.Anonymous).SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Contains("too large", await answer.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string, Visitor> EchoedFields() => new()
    {
        { "/support/checkout", "customAmount", Visitor.Anonymous },
        { "/support/checkout", "email", Visitor.Anonymous },
        { "/reminders", "email", Visitor.Anonymous },
        { "/reminders", "choice", Visitor.Anonymous },
        { "/account/signin", "email", Visitor.Anonymous },
        { "/staff/login", "Email", Visitor.Anonymous },
        { "/account/amount", "amount", Visitor.Supporter },
    };

    [Theory]
    [MemberData(nameof(EchoedFields))]
    public async Task A_long_value_is_echoed_back_shortened(string action, string field, Visitor visitor)
    {
        var typed = "7" + new string('x', 20_000);
        var fields = new Dictionary<string, string>
        {
            [field] = typed,
            ["__RequestVerificationToken"] = app.TokenFor(visitor, action),
            ["choice"] = "soon",
            ["Password"] = "wrong",
            ["contributionId"] = app.ContributionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        fields[field] = typed;

        var answer = await app.Browser(visitor).PostFormAsync(action, fields);

        var body = await answer.Content.ReadAsStringAsync();
        Assert.True((int)answer.StatusCode is >= 400 and < 500, $"{action}: {(int)answer.StatusCode}");
        Assert.DoesNotContain(new string('x', MaxEcho), body);
    }
}
