using Support.Web.Email.Outbox;

namespace Support.Web.Supporters.Emails;

/// <summary>How supporter emails and sign-in links are sent (the shared protocol's settings, ADR 0008).</summary>
public sealed class SupporterEmailOptions : EmailQueueOptions
{
    public const string Section = "SupporterEmails";

    /// <summary>
    /// A line every receipt and yearly statement ends with, e.g. for nonprofits "No goods or services were provided in
    /// exchange for this contribution." Empty: none.
    /// </summary>
    [System.ComponentModel.DataAnnotations.MaxLength(500)]
    public string ReceiptStatementLine { get; set; } = "";

    /// <summary>
    /// How long before an annual renewal its notice goes out (auto-renewal laws ask for 15 to 45 days). Stripe sends
    /// invoice.upcoming as many days ahead as its Dashboard says (Billing → Subscriptions, "upcoming renewal events"):
    /// set that to at least this; an earlier event waits, a later one is sent at once.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "1.00:00:00", "60.00:00:00")]
    public TimeSpan RenewalNoticeDays { get; set; } = TimeSpan.FromDays(30);
}
