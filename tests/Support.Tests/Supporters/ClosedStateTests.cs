using Microsoft.Extensions.Options;
using Support.Data.Supporters.Emails;
using Support.Data.Supporters;
using Support.Web.Account;
using Support.Web.Email;
using Support.Web.Keeping;
using Support.Web.Prompt;
using Support.Web.Stripe;
using Support.Web.Supporters.Emails;

namespace Support.Tests.Supporters;

/// <summary>Stripe's states and our email kinds are closed sets: nothing unknown is taken for something known.</summary>
public sealed class ClosedStateTests
{
    [Theory]
    [InlineData("incomplete", ContributionStatus.Incomplete)]
    [InlineData("incomplete_expired", ContributionStatus.IncompleteExpired)]
    [InlineData("trialing", ContributionStatus.Trialing)]
    [InlineData("active", ContributionStatus.Active)]
    [InlineData("past_due", ContributionStatus.PastDue)]
    [InlineData("unpaid", ContributionStatus.Unpaid)]
    [InlineData("paused", ContributionStatus.Paused)]
    [InlineData("canceled", ContributionStatus.Canceled)]
    [InlineData("frozen", ContributionStatus.Unknown)]
    [InlineData("", ContributionStatus.Unknown)]
    public void Each_stripe_subscription_status_has_its_own_state_and_a_new_one_is_unknown(string stripe, ContributionStatus expected) =>
        Assert.Equal(expected, StripeStatuses.Subscription(stripe));

    [Theory]
    [InlineData("draft", InvoiceStatus.Draft)]
    [InlineData("open", InvoiceStatus.Open)]
    [InlineData("paid", InvoiceStatus.Paid)]
    [InlineData("uncollectible", InvoiceStatus.Uncollectible)]
    [InlineData("void", InvoiceStatus.Void)]
    [InlineData("settled_somehow", InvoiceStatus.Unknown)]
    [InlineData(null, InvoiceStatus.Unknown)]
    public void Each_stripe_invoice_status_has_its_own_state_and_a_new_one_is_unknown(string? stripe, InvoiceStatus expected) =>
        Assert.Equal(expected, StripeStatuses.Invoice(stripe));

    [Fact]
    public void An_unknown_subscription_status_is_not_live() =>
        Assert.False(ContributionRules.IsLive(ContributionStatus.Unknown));

    [Fact]
    public void Every_supporter_email_kind_has_its_own_words()
    {
        var builder = new SupporterEmailBuilder(Options.Create(new PromptOptions()), Options.Create(new SmtpOptions()),
            Options.Create(new SiteOptions { PublicBaseUrl = "https://support.example.org" }), Options.Create(new AccountOptions()), Options.Create(new SupporterEmailOptions()));
        var subjects = new Dictionary<EmailKind, string>();
        // The sign-in link, the reminder change and the keeping emails have builders of their own (SupporterEmailQueue).
        var builtElsewhere = Enum.GetValues<EmailKind>().Where(k => k is EmailKind.SignInLink or EmailKind.ReminderChange || KeepingEmails.Writes(k)).ToList();
        foreach (var kind in Enum.GetValues<EmailKind>().Except(builtElsewhere))
        {
            // A kind added without its words throws here instead of going out with another kind's text.
            var message = builder.Build(new EmailDispatch { Kind = kind, Key = "k", Email = "a@example.org", AmountCents = 500, Currency = "eur" });
            subjects[kind] = message.Subject ?? "";
        }
        subjects[EmailKind.SignInLink] = builder.SignInLink("a@example.org", "token").Subject ?? "";

        Assert.Equal(subjects.Count, subjects.Values.Distinct().Count());
        Assert.Equal(Enum.GetValues<EmailKind>().Length, subjects.Count + builtElsewhere.Count - 1);
    }
}
