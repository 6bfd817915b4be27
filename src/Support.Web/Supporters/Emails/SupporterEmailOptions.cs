using Support.Web.Email.Outbox;

namespace Support.Web.Supporters.Emails;

/// <summary>How supporter emails and sign-in links are sent (the shared protocol's settings, ADR 0008).</summary>
public sealed class SupporterEmailOptions : EmailQueueOptions
{
    public const string Section = "SupporterEmails";
}
