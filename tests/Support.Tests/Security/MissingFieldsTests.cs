namespace Support.Tests.Security;

/// <summary>Finding 13: a form posted without any of its fields gets the form again with a message, never a 500.</summary>
public sealed class MissingFieldsTests(VisitorsAppFactory app) : IClassFixture<VisitorsAppFactory>
{
    public static TheoryData<Visitor, string> Forms() => new()
    {
        { Visitor.Anonymous, "/support/checkout" },
        { Visitor.Anonymous, "/reminders" },
        { Visitor.Anonymous, "/prompt/dismiss" },
        { Visitor.Anonymous, "/account/signin" },
        { Visitor.Anonymous, "/account/signin/" },
        { Visitor.Anonymous, "/staff/login" },
        { Visitor.Supporter, "/account/amount" },
        { Visitor.Supporter, "/account/cancel" },
        { Visitor.Supporter, "/account/resume" },
        { Visitor.Supporter, "/account/card" },
        { Visitor.Admin, "/staff/users" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_form_without_its_fields_is_answered_with_a_4xx_and_a_message(Visitor visitor, string action)
    {
        var fields = new Dictionary<string, string> { ["x"] = "1", ["__RequestVerificationToken"] = app.TokenFor(visitor, action) };

        var answer = await app.Browser(visitor).PostAsync(action, new FormUrlEncodedContent(fields));

        var body = await answer.Content.ReadAsStringAsync();
        Assert.True((int)answer.StatusCode is >= 300 and < 500, $"{action}: {(int)answer.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        if ((int)answer.StatusCode >= 400)
        {
            Assert.Matches("[A-Za-z]{4,} [A-Za-z]{2,}", body);
        }
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=utf-7")]
    [InlineData("application/x-www-form-urlencoded; charset=no-such-charset")]
    [InlineData("multipart/form-data; boundary=zz; charset=utf-16")]
    public async Task A_form_in_a_charset_other_than_utf8_is_refused_with_415(string contentType)
    {
        var content = new StringContent("returnUrl=%2F", System.Text.Encoding.ASCII);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var answer = await app.Browser(Visitor.Anonymous).PostAsync("/prompt/dismiss", content);

        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Contains("UTF-8", await answer.Content.ReadAsStringAsync());
    }
}
