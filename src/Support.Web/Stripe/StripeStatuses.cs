using Support.Data.Supporters;

namespace Support.Web.Stripe;

/// <summary>Stripe's invoice statuses (<c>invoice.status</c>); a word Stripe adds later is <see cref="Unknown"/>, never another state.</summary>
public enum InvoiceStatus
{
    Unknown,
    Draft,
    Open,
    Paid,
    Uncollectible,
    Void,
}

/// <summary>
/// Stripe's status words as closed sets. A word not listed here reads as <c>Unknown</c>: it is never taken for
/// another state, the ledger logs it, and the contribution keeps the word (<see cref="Contribution.StripeStatus"/>)
/// so staff see it in reports.
/// </summary>
public static class StripeStatuses
{
    public static ContributionStatus Subscription(string? status) => status switch
    {
        "incomplete" => ContributionStatus.Incomplete,
        "incomplete_expired" => ContributionStatus.IncompleteExpired,
        "trialing" => ContributionStatus.Trialing,
        "active" => ContributionStatus.Active,
        "past_due" => ContributionStatus.PastDue,
        "unpaid" => ContributionStatus.Unpaid,
        "paused" => ContributionStatus.Paused,
        "canceled" => ContributionStatus.Canceled,
        _ => ContributionStatus.Unknown,
    };

    public static InvoiceStatus Invoice(string? status) => status switch
    {
        "draft" => InvoiceStatus.Draft,
        "open" => InvoiceStatus.Open,
        "paid" => InvoiceStatus.Paid,
        "uncollectible" => InvoiceStatus.Uncollectible,
        "void" => InvoiceStatus.Void,
        _ => InvoiceStatus.Unknown,
    };
}
